package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * RFC 8707's {@code resource} read the same way at every grant (black-box finding F17, 2026-12-07:
 * the code flow ignored it, and client credentials refused the API's own identifier): the API's
 * identifier, the {@code resource} of its protected-resource metadata, is taken wherever a token for
 * the API is asked for; the MCP server's by a sign-in, as an MCP client sends it; anything else, or
 * two at once, is {@code invalid_target} (section 2) and changes nothing. The token exchange's half is
 * the server's {@code McpServerTest.anExchangeNamingTheApiItselfGetsATokenForTheApi}.
 */
class ResourceIndicatorTest extends IdentitySlice {

    private static final String CALLBACK = "http://127.0.0.1:45681/callback";

    private Http http;
    private String api;

    @BeforeEach
    void readTheApisIdentifier() {
        http = new Http(baseUrl());
        api = http.get("/.well-known/oauth-protected-resource", null).json().path("resource").asString();
        assertThat(api).isEqualTo(baseUrl());
    }

    /** Targets that are not ours, some of them spelt to pass for the API's identifier. */
    private List<String> notOurs() {
        return List.of("https://evil.example", "", "behalf-api", api + ".evil.example", api + "@evil.example", api + "/api",
                api + "/mcp/", api + "//", api.replace("http://", "https://"), api + "%2F");
    }

    @Test
    void clientCredentialsTakeTheApisOwnIdentifierAndRefuseAnythingElse() {
        JsonNode machine = machine(Members.create(baseUrl(), "rescc"));

        for (String resource : List.of(api, api + "/")) {
            Http.Response token = token("grant_type=client_credentials&scope=profile%3Aread&resource=" + encode(resource), machine);
            assertThat(token.status()).as(resource + " " + token).isEqualTo(200);
            assertThat(Members.claims(token.json().path("access_token").asString()).path("aud").asString()).isEqualTo("behalf-api");
        }
        List<String> refused = new java.util.ArrayList<>(notOurs());
        refused.add(api + "/mcp");
        for (String resource : refused) {
            assertRefused(token("grant_type=client_credentials&scope=profile%3Aread&resource=" + encode(resource), machine), resource);
        }
        // Two at once, even the same one twice: a token is for one resource.
        assertRefused(token("grant_type=client_credentials&resource=" + encode(api) + "&resource=" + encode(api), machine), "twice");
        assertRefused(token("grant_type=client_credentials&resource=" + encode(api) + "&resource=https%3A%2F%2Fevil.example",
                machine), "two");
    }

    @Test
    void anAuthorizationRequestForAResourceNotOursIsRefusedToTheClient() {
        Member member = Members.create(baseUrl(), "resauth");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());

        for (String resource : notOurs()) {
            String location = Members.authorize(browser, authorization("v".repeat(43), "&resource=" + encode(resource)), "profile:read");
            assertThat(location).as(resource).startsWith(CALLBACK);
            assertThat(param(location, "error")).as(resource).isEqualTo("invalid_target");
            assertThat(param(location, "error_description")).as(resource).contains(api);
            assertThat(param(location, "state")).isEqualTo("st");
            assertThat(param(location, "iss")).isEqualTo(baseUrl());
            assertThat(param(location, "code")).isNull();
        }
        String twice = Members.authorize(browser, authorization("v".repeat(43), "&resource=" + encode(api) + "&resource="
                + encode(api + "/mcp")), "profile:read");
        assertThat(param(twice, "error")).isEqualTo("invalid_target");
        assertThat(param(twice, "code")).isNull();
    }

    /**
     * The code flow with the API's identifier, or the MCP server's (what an MCP client sends, MCP
     * specification "Resource Parameter"), at both endpoints: a token for the API. A resource not
     * ours at the token endpoint is refused before the code is read, which still works after.
     */
    @Test
    void theCodeFlowTakesOurResourcesAndRefusesOthersWithoutSpendingTheCode() {
        Member member = Members.create(baseUrl(), "rescode");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());

        for (String resource : List.of(api, api + "/mcp")) {
            String verifier = "w".repeat(40) + System.nanoTime();
            String location = Members.authorize(browser, authorization(verifier, "&resource=" + encode(resource)), "profile:read");
            String code = param(location, "code");
            assertThat(code).as(resource + " " + location).isNotNull();
            String redeem = "grant_type=authorization_code&client_id=" + Members.CLI + "&redirect_uri=" + encode(CALLBACK)
                    + "&code=" + encode(code) + "&code_verifier=" + verifier;

            assertRefused(token(redeem + "&resource=https%3A%2F%2Fevil.example", null), resource + " then another");
            assertRefused(token(redeem + "&resource=" + encode(resource) + "&resource=" + encode(resource), null), "twice");

            Http.Response tokens = token(redeem + "&resource=" + encode(resource), null);
            assertThat(tokens.status()).as(resource + " " + tokens).isEqualTo(200);
            String access = tokens.json().path("access_token").asString();
            assertThat(Members.claims(access).path("aud").asString()).isEqualTo("behalf-api");
            assertThat(http.get("/api/v1/profile", access).status()).isEqualTo(200);

            String refresh = "grant_type=refresh_token&client_id=" + Members.CLI + "&refresh_token="
                    + encode(tokens.json().path("refresh_token").asString());
            assertRefused(token(refresh + "&resource=https%3A%2F%2Fevil.example", null), "refresh elsewhere");
            Http.Response refreshed = token(refresh + "&resource=" + encode(resource), null);
            assertThat(refreshed.status()).as("the refresh token was not spent by the refusal " + refreshed).isEqualTo(200);
        }
    }

    private void assertRefused(Http.Response answer, String what) {
        assertThat(answer.status()).as(what + " " + answer).isEqualTo(400);
        assertThat(answer.json().path("error").asString()).as(what).isEqualTo("invalid_target");
        assertThat(answer.json().path("error_description").asString()).as(what).hasSizeGreaterThan(20);
        assertThat(answer.body()).doesNotContain("access_token");
    }

    private String authorization(String verifier, String extra) {
        return "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", Members.CLI,
                "redirect_uri", CALLBACK, "scope", "profile:read", "state", "st", "code_challenge", Members.challenge(verifier),
                "code_challenge_method", "S256")) + extra;
    }

    private JsonNode machine(Member owner) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Resource machine",
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A form written by hand, since a map cannot repeat a name. */
    private Http.Response token(String form, JsonNode client) {
        HttpRequest.Builder request = http.request("/oauth2/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (client != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":"
                    + client.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String param(String uri, String name) {
        String query = URI.create(uri).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
