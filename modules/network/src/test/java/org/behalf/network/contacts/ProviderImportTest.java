package org.behalf.network.contacts;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Importing the member's address book from the external provider over HTTP, against WireMock
 * ({@link NetworkSlice#PROVIDER}): paging, failure, timeout, malformed answer, refused token, a
 * redirect not followed, an authorization code exchanged by the server, and the row limit. Whatever
 * goes wrong imports nothing, and the member's token is in no answer.
 */
class ProviderImportTest extends NetworkSlice {

    @BeforeEach
    void freshProvider() {
        PROVIDER.resetAll();
    }

    @Test
    void aProviderImportFollowsPagesAndImportsNothingWhenTheProviderFails() {
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer good-token"))
                .withQueryParam("page_token", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Dee\",\"emails\":[\"dee@example.com\"]}],\"next_page_token\":\"p2\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Eve\",\"emails\":[]},{\"emails\":[\"x@example.com\"]}],\"next_page_token\":null}")));

        JsonNode report = http.post("/api/v1/contacts/import/provider", member, Map.of("accessToken", "good-token")).json();

        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(2);
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
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withFixedDelay(4500)
                .withHeader("Content-Type", "application/json").withBody("{\"contacts\":[]}")));
        assertProviderProblem(504);
        PROVIDER.resetAll();
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"contacts\":[{\"name\":\"Fay\"}],\"next_page_token\":\"p2\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(aResponse().withStatus(503)));
        assertProviderProblem(502);
        assertThat(items(http.get("/api/v1/contacts?q=fay", member))).as("a failure on page 2 imports nothing").isEmpty();
    }

    @Test
    void aProviderThatRedirectsIsNotFollowedAndTheTokenGoesNowhereElse() {
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", PROVIDER.baseUrl() + "/elsewhere/v1/contacts")));
        PROVIDER.stubFor(get(urlPathEqualTo("/elsewhere/v1/contacts")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"contacts\":[{\"name\":\"Gus\"}]}")));

        assertProviderProblem(502);

        PROVIDER.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere/v1/contacts")));
        assertThat(items(http.get("/api/v1/contacts?q=gus", member))).isEmpty();
    }

    @Test
    void anAuthorizationCodeFromTheProviderIsExchangedByTheServerForTheImport() {
        PROVIDER.stubFor(post(urlPathEqualTo("/oauth/token"))
                .withBasicAuth("behalf-test-client", "behalf-test-provider-secret")
                .withRequestBody(containing("code=good-code"))
                .withRequestBody(containing("redirect_uri=" + URLEncoder.encode("https://app.example/back", StandardCharsets.UTF_8)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"exchanged-token\",\"token_type\":\"Bearer\"}")));
        PROVIDER.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("code=used-code"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\"}")));
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer exchanged-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"contacts\":[{\"name\":\"Flo\",\"emails\":[\"flo@example.com\"]}],\"next_page_token\":null}")));

        JsonNode report = http.post("/api/v1/contacts/import/provider", member,
                Map.of("code", "good-code", "redirectUri", "https://app.example/back")).json();
        assertThat(report.path("imported").asInt()).as(report.toString()).isEqualTo(1);
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));

        int before = items(http.get("/api/v1/contacts", member)).size();
        Http.Response refused = http.post("/api/v1/contacts/import/provider", member,
                Map.of("code", "used-code", "redirectUri", "https://app.example/back"));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().path("detail").asString()).contains("authorization code");
        Http.Response both = http.post("/api/v1/contacts/import/provider", member,
                Map.of("code", "good-code", "redirectUri", "https://app.example/back", "accessToken", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(items(http.get("/api/v1/contacts", member)).size()).isEqualTo(before);
    }

    @Test
    void aProviderAddressBookOverTheRowLimitIsRefusedNamingTheToken() {
        StringBuilder contacts = new StringBuilder("{\"contacts\":[");
        for (int i = 0; i <= ContactService.MAX_IMPORT_ROWS; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"name\":\"Row ").append(i).append("\"}");
        }
        PROVIDER.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(contacts.append("],\"next_page_token\":null}").toString())));

        Http.Response refused = http.post("/api/v1/contacts/import/provider", member, Map.of("accessToken", "big-book"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("accessToken");
        assertThat(refused.body()).doesNotContain("big-book");
        assertThat(items(http.get("/api/v1/contacts", member))).isEmpty();
    }

    private void assertProviderProblem(int status) {
        Http.Response answer = http.post("/api/v1/contacts/import/provider", member, Map.of("accessToken", "good-token"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("good-token");
    }
}
