package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code HEAD} and {@code OPTIONS} as a link checker, a monitor or a curious client sends them
 * (RFC 9110 sections 9.3.2 and 9.3.7). Black-box testing on 2026-12-06 found {@code HEAD} on the
 * public documents answered {@code 302} to the sign-in page (keys, discovery), {@code 403} (API
 * document, health, Shared Signals metadata) or {@code 404} (protected-resource metadata), and
 * {@code OPTIONS} on the API refused as an undeclared endpoint with every method in {@code Allow}.
 */
class SafeMethodsTest extends ServerTest {

    private static final List<String> PUBLIC_DOCUMENTS = List.of("/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server", "/oauth2/jwks", "/.well-known/oauth-protected-resource",
            "/.well-known/ssf-configuration", "/v3/api-docs", "/actuator/health");

    private Http.Response head(Http http, String path, String token) {
        return http.send(http.request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void headOnAPublicDocumentAnswersAsItsGetWithoutTheBody() {
        Http http = new Http(baseUrl());
        for (String path : PUBLIC_DOCUMENTS) {
            Http.Response get = http.get(path, null);
            Http.Response head = head(http, path, null);
            assertThat(get.status()).as(path).isEqualTo(200);
            assertThat(head.status()).as(path + ": " + head).isEqualTo(200);
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
        }
    }

    @Test
    void headOnTheApiIsCheckedAndRecordedAsTheReadItAsksAbout() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "headhold");
        Member helper = Members.create(baseUrl(), "headhelp");

        Http.Response own = head(http, "/api/v1/profile", holder.accessToken());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.header("Content-Type")).startsWith("application/json");
        assertThat(own.body()).isEmpty();

        Http.Response anonymous = head(http, "/api/v1/profile", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

        // A grant without profile:read: the HEAD is refused as the GET would be, and the attempt is in the log.
        String delegated = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper,
                List.of("invitations:read")), helper);
        Http.Response refused = head(http, "/api/v1/profile", delegated);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        JsonNode last = http.get("/api/v1/activity?limit=1", holder.accessToken()).json().path("items").get(0);
        assertThat(last.path("actor").path("id").asString()).as(last.toString()).isEqualTo(helper.id());
        assertThat(last.path("outcome").asString()).as(last.toString()).isEqualTo("denied");
    }

    /**
     * Black-box finding, 2026-12-07: OPTIONS on the public documents answered 302 to the sign-in page, 403
     * "This is not allowed." or 404 "There is nothing at this address.", while GET and HEAD answered 200.
     */
    @Test
    void optionsOnAPublicDocumentNamesItsMethods() {
        Http http = new Http(baseUrl());
        List<String> documents = new java.util.ArrayList<>(PUBLIC_DOCUMENTS);
        documents.add("/.well-known/oauth-protected-resource/mcp");
        for (String path : documents) {
            Http.Response options = http.send(http.request(path, null).header("Accept", "application/json")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(options.status()).as(path + ": " + options).isEqualTo(200);
            assertThat(options.header("Allow")).as(path).isEqualTo("GET, HEAD, OPTIONS");
            assertThat(options.header("Location")).as(path).isNull();
            assertThat(options.header("X-Request-Id")).as(path).isNotBlank();
            assertThat(options.body()).as(path).isEmpty();
        }
    }

    /**
     * RFC 9110 section 15.5.6: a method the address does not take is 405 with Allow. Black-box finding F21,
     * 2026-12-07: PUT, DELETE and PATCH on discovery, the keys, user info and the authorization endpoint
     * answered 403 "This is not allowed." (the CSRF check, first), the latter blaming an unknown app.
     */
    @Test
    void aMethodAPublicEndpointDoesNotTakeIsNotAllowedAndAllowNamesTheOthers() {
        Http http = new Http(baseUrl());
        java.util.Map<String, String> allow = java.util.Map.of("/.well-known/openid-configuration", "GET, HEAD, OPTIONS",
                "/oauth2/jwks", "GET, HEAD, OPTIONS", "/userinfo", "GET, HEAD, POST, OPTIONS",
                "/oauth2/authorize", "GET, HEAD, POST, OPTIONS");
        allow.forEach((path, methods) -> {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                Http.Response refused = http.send(http.request(path, null).header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody()).build());
                assertThat(refused.status()).as(method + " " + path + ": " + refused).isEqualTo(405);
                assertThat(refused.header("Allow")).as(method + " " + path).isEqualTo(methods);
                assertThat(refused.body()).as(method + " " + path).contains("/method-not-allowed");
            }
            Http.Response options = http.send(http.request(path, null).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(options.status()).as("OPTIONS " + path + ": " + options).isEqualTo(200);
            assertThat(options.header("Allow")).as("OPTIONS " + path).isEqualTo(methods);
        });
        Http.Response posted = http.send(http.request("/.well-known/openid-configuration", null).header("Accept", "application/json")
                .method("POST", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(posted.status()).as(posted.toString()).isEqualTo(405);
    }

    @Test
    void optionsOnTheApiNamesThePathsOwnMethods() {
        Http http = new Http(baseUrl());
        Http.Response options = http.send(http.request("/api/v1/profile", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        List<String> allowed = Arrays.stream(options.header("Allow").split(",")).map(String::strip).toList();
        assertThat(allowed).as(options.toString()).contains("GET", "HEAD", "PATCH", "OPTIONS").doesNotContain("TRACE", "DELETE", "POST");
    }

    /**
     * A delegate's {@code OPTIONS} runs no handler of ours but is a delegated request, so it is an
     * entry in the holder's log (SECURITY-CASES 31) in words: it was told as "did
     * undeclared.HttpOptionsHandler.handle", a success of an endpoint that declares nothing (black-box finding).
     */
    @Test
    void aDelegatesOptionsIsRecordedAsAskingWhichMethodsTheAddressTakes() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "optshold");
        Member helper = Members.create(baseUrl(), "optshelp");
        String delegated = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper,
                List.of("profile:read")), helper);

        Http.Response options = http.send(http.request("/api/v1/profile", delegated)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        JsonNode last = http.get("/api/v1/activity?limit=1", holder.accessToken()).json().path("items").get(0);
        assertThat(last.path("actor").path("id").asString()).as(last.toString()).isEqualTo(helper.id());
        assertThat(last.path("action").asString()).as(last.toString()).isEqualTo("api.options");
    }

    /**
     * {@code TRACE} is refused by the container before any filter runs (it would echo the request,
     * credentials included); its 405 is still a problem of the API's type, with a request id like
     * every answer (docs/api.md; black-box finding: no id, type invalid-request).
     */
    @Test
    void traceIsRefusedWithAnIdLikeEveryAnswer() {
        Member holder = Members.create(baseUrl(), "tracehold");
        RawHttp.Response trace = RawHttp.send(port, "TRACE", "/api/v1/profile", holder.accessToken(), null);

        assertThat(trace.status()).as(trace.toString()).isEqualTo(405);
        assertThat(trace.header("X-Request-Id")).as(trace.toString()).isNotBlank();
        assertThat(trace.body()).contains("/method-not-allowed").doesNotContain("Bearer");
    }
}
