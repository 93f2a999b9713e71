package org.behalf.server.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.behalf.server.ProviderStub;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The address book (issue 6, contacts): CRUD with field-level validation, the communication log,
 * a provider import over HTTP against WireMock (paging, failure, timeout, malformed answer, refused
 * token, a redirect not followed), and the bulk export, never for delegates. File imports (CSV, vCard) are tested in the
 * network module itself ({@code ContactImportTest}), and so are paging and storing what the rules
 * accept ({@code AddressBookTest}).
 */
class ContactsTest extends ServerTest {

    private static final WireMockServer PROVIDER = ProviderStub.server();

    private Http http;
    private Member owner;

    @BeforeEach
    void member() {
        http = new Http(baseUrl());
        owner = Members.create(baseUrl(), "crm");
        PROVIDER.resetAll();
    }

    @Test
    void contactsAreValidatedEditedWithADiffAndLogged() {
        Http.Response bad = http.post("/api/v1/contacts", owner.accessToken(), Map.of("name", "Ann", "emails", List.of("ann@example.com", "nope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("emails[1]");

        JsonNode ann = http.post("/api/v1/contacts", owner.accessToken(), Map.of("name", "Ann Lee", "emails", List.of("ANN@example.com"),
                "phones", List.of("+49 30 1234 567"), "tags", List.of("Recruiter"))).json();
        assertThat(ann.path("emails").get(0).asString()).isEqualTo("ann@example.com");
        assertThat(ann.path("phones").get(0).asString()).isEqualTo("+49 30 1234 567");
        String id = ann.path("id").asString();
        assertThat(http.patch("/api/v1/contacts/" + id, owner.accessToken(), Map.of("company", "Acme")).json().path("company").asString())
                .isEqualTo("Acme");
        assertThat(http.post("/api/v1/contacts/" + id + "/interactions", owner.accessToken(),
                Map.of("kind", "call", "date", "2026-11-20", "summary", "Talked about the role")).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/contacts/" + id + "/interactions", owner.accessToken(),
                Map.of("kind", "fax", "date", "2026-11-20", "summary", "x")).json().path("field").asString()).isEqualTo("kind");
        assertThat(items(http.get("/api/v1/contacts/" + id + "/interactions", owner.accessToken()))).hasSize(1);
        assertThat(items(http.get("/api/v1/contacts?tag=recruiter", owner.accessToken()))).hasSize(1);

        Member other = Members.create(baseUrl(), "crm");
        assertThat(http.get("/api/v1/contacts/" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/contacts/" + id, owner.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/contacts/" + id, owner.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aProviderImportFollowsPagesAndImportsNothingWhenTheProviderFails() {
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer good-token"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Dee\",\"emails\":[\"dee@example.com\"]}],\"next_page_token\":\"p2\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Eve\",\"emails\":[]},{\"emails\":[\"x@example.com\"]}],\"next_page_token\":null}")));

        JsonNode report = http.post("/api/v1/contacts/import/provider", owner.accessToken(), Map.of("accessToken", "good-token")).json();

        assertThat(report.path("imported").asInt()).isEqualTo(2);
        assertThat(report.path("skipped").get(0).path("reason").asString()).isEqualTo("no name");

        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(500)));
        assertProviderProblem(502);
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(401)));
        assertProviderProblem(502);
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withBody("<html>not json")));
        assertProviderProblem(502);
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withFixedDelay(2500)
                .withHeader("Content-Type", "application/json").withBody("{\"contacts\":[]}")));
        assertProviderProblem(504);
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Fay\"}],\"next_page_token\":\"p2\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(aResponse().withStatus(503)));
        assertProviderProblem(502);
        assertThat(items(http.get("/api/v1/contacts?q=fay", owner.accessToken()))).as("a failure on page 2 imports nothing").isEmpty();
    }

    @Test
    void aProviderThatRedirectsIsNotFollowedAndTheTokenGoesNowhereElse() {
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", PROVIDER.baseUrl() + "/elsewhere/v1/contacts")));
        PROVIDER.stubFor(get(urlPathEqualTo("/elsewhere/v1/contacts")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"contacts\":[{\"name\":\"Gus\"}]}")));

        assertProviderProblem(502);

        PROVIDER.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere/v1/contacts")));
        assertThat(items(http.get("/api/v1/contacts?q=gus", owner.accessToken()))).isEmpty();
    }

    @Test
    void theBulkExportIsTheHoldersAloneAndADelegatesAttemptIsRecorded() {
        http.post("/api/v1/contacts", owner.accessToken(), Map.of("name", "Gus"));
        JsonNode export = http.get("/api/v1/export", owner.accessToken()).json();
        assertThat(export.path("contacts").get(0).path("contact").path("name").asString()).isEqualTo("Gus");
        assertThat(http.get("/api/v1/activity?action=data.export&outcome=success", owner.accessToken()).json().path("items").size())
                .as("the holder's own export is recorded").isEqualTo(1);

        Member helper = Members.create(baseUrl(), "crmh");
        String token = Delegations.delegationToken(http,
                Delegations.activeGrant(http, owner, helper, List.of("contacts:read", "contacts:write")), helper);

        assertThat(items(http.get("/api/v1/contacts", token))).hasSize(1);
        assertThat(http.get("/api/v1/export", token).status()).isEqualTo(403);
        JsonNode denied = http.get("/api/v1/activity?action=data.export&outcome=denied", owner.accessToken()).json().path("items").get(0);
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(helper.id());
    }

    @Test
    void anAuthorizationCodeFromTheProviderIsExchangedByTheServerForTheImport() {
        PROVIDER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/oauth/token"))
                .withBasicAuth("behalf-test-client", "behalf-test-provider-secret")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("code=good-code"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "redirect_uri=" + java.net.URLEncoder.encode("https://app.example/back", java.nio.charset.StandardCharsets.UTF_8)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"exchanged-token\",\"token_type\":\"Bearer\"}")));
        PROVIDER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/oauth/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("code=used-code"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer exchanged-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"contacts\":[{\"name\":\"Flo\",\"emails\":[\"flo@example.com\"]}],\"next_page_token\":null}")));
        try {
            JsonNode report = http.post("/api/v1/contacts/import/provider", owner.accessToken(),
                    Map.of("code", "good-code", "redirectUri", "https://app.example/back")).json();
            assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(1);

            int before = items(http.get("/api/v1/contacts", owner.accessToken())).size();
            Http.Response refused = http.post("/api/v1/contacts/import/provider", owner.accessToken(),
                    Map.of("code", "used-code", "redirectUri", "https://app.example/back"));
            assertThat(refused.status()).isEqualTo(502);
            assertThat(refused.json().path("detail").asString()).contains("authorization code");
            Http.Response both = http.post("/api/v1/contacts/import/provider", owner.accessToken(),
                    Map.of("code", "good-code", "redirectUri", "https://app.example/back", "accessToken", "x"));
            assertThat(both.status()).isEqualTo(400);
            assertThat(items(http.get("/api/v1/contacts", owner.accessToken())).size()).isEqualTo(before);
        } finally {
            PROVIDER.resetAll();
        }
    }

    @Test
    void aProviderAddressBookOverTheRowLimitIsRefusedNamingTheToken() {
        StringBuilder contacts = new StringBuilder("{\"contacts\":[");
        for (int i = 0; i <= 5000; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"name\":\"Row ").append(i).append("\"}");
        }
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(contacts.append("],\"next_page_token\":null}").toString())));
        try {
            Http.Response refused = http.post("/api/v1/contacts/import/provider", owner.accessToken(), Map.of("accessToken", "big-book"));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("accessToken");
            assertThat(refused.body()).doesNotContain("big-book");
            assertThat(items(http.get("/api/v1/contacts", owner.accessToken()))).isEmpty();
        } finally {
            PROVIDER.resetAll();
        }
    }

    private void assertProviderProblem(int status) {
        Http.Response answer = http.post("/api/v1/contacts/import/provider", owner.accessToken(), Map.of("accessToken", "good-token"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("good-token");
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
