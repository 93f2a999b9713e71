package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The token, introspection and revocation endpoints' refusals as a client developer meets them:
 * each in plain words, never cached, and nothing asked of the client that discovery does not say
 * (docs/security.md rule 39; black-box findings of 2026-12-07).
 */
class TokenEndpointRefusalsTest extends IdentitySlice {

    private Http http() {
        return new Http(baseUrl());
    }

    /** RFC 6749 section 5.2's error_description: Spring raised these with a bare code, or in its own parameter jargon. */
    @Test
    void everyRefusalSaysWhyInPlainWords() {
        Http http = http();
        Member owner = Members.create(baseUrl(), "words");
        JsonNode machine = client(http, owner, List.of("client_credentials"), List.of());
        JsonNode codeOnly = client(http, owner, List.of("authorization_code"), List.of("https://app.example/cb"));
        String malformedBasic = Base64.getEncoder().encodeToString("cli_%zz:x".getBytes(StandardCharsets.UTF_8));

        List<Http.Response> refusals = List.of(
                http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "contacts:read"), basic(machine)),
                http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "client_id", Members.CLI,
                        "refresh_token", owner.accessToken())),
                http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), malformedBasic),
                http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"), basic(codeOnly)),
                http.form("/oauth2/introspect", Map.of(), basic(machine)),
                http.form("/oauth2/revoke", Map.of(), basic(machine)));
        List<String> codes = List.of("invalid_scope", "invalid_grant", "invalid_request", "unauthorized_client", "invalid_request",
                "invalid_request");
        for (int i = 0; i < refusals.size(); i++) {
            Http.Response refused = refusals.get(i);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(refused.toString()).isEqualTo(codes.get(i));
            assertThat(refused.json().path("error_description").asString()).as(refused.toString())
                    .hasSizeGreaterThan(20).doesNotContain("OAuth 2.0", "Parameter:");
        }
    }

    /**
     * openid asks for a person's sign-in, and a client's own token has none: invalid_scope in words,
     * where the token was issued and then called "invalid, expired or revoked" at /userinfo (black-box
     * finding F11, 2026-12-07).
     */
    @Test
    void openidIsRefusedForAClientsOwnToken() {
        Http http = http();
        Http.Response created = http.post("/api/v1/clients", Members.create(baseUrl(), "ccoidc").accessToken(), Map.of("name",
                "Machine with openid", "scopes", List.of("openid", "profile:read"), "grantTypes", List.of("client_credentials")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (String scope : List.of("openid", "profile:read openid")) {
            Http.Response refused = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", scope),
                    basic(created.json()));
            assertThat(refused.status()).as(scope + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_scope");
            assertThat(refused.json().path("error_description").asString()).contains("acts for no person");
        }
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(created.json())).status()).isEqualTo(200);
    }

    /** A valid form larger than the server reads was told it had a broken %-escape. */
    @Test
    void aFormTooLargeToReadIsToldSoNotABrokenEscape() {
        Http http = http();
        JsonNode machine = client(http, Members.create(baseUrl(), "large"), List.of("client_credentials"), List.of());

        Http.Response refused = http.form("/oauth2/introspect", Members.ordered("token", "a".repeat(3_000_000)), basic(machine));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(refused.json().path("error_description").asString()).contains("too large").doesNotContain("%-escape");
    }

    /** RFC 6749 section 5.1: the answers written ahead of Spring's endpoints are not cached either. */
    @Test
    void earlyRefusalsAreNotCached() {
        Http http = http();
        JsonNode machine = client(http, Members.create(baseUrl(), "nocache"), List.of("client_credentials"), List.of());
        String id = machine.path("clientId").asString();
        List<Http.Response> answers = List.of(
                post(http, "grant_type=client_credentials&client_id=" + id + "&client_secret=" + machine.path("clientSecret").asString(),
                        basic(machine)),
                post(http, "grant_type=client_credentials&scope=a&scope=a", basic(machine)),
                post(http, "grant_type=client_credentials&client_id=%zz", null),
                http.send(http.request("/oauth2/token?grant_type=client_credentials", null)
                        .header("Authorization", "Basic " + basic(machine)).GET().build()));
        for (Http.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(400, 405);
            assertThat(answer.header("Cache-Control")).as(answer.toString()).contains("no-store");
            assertThat(answer.header("Pragma")).as(answer.toString()).isEqualTo("no-cache");
        }
    }

    /**
     * docs/oauth.md: DPoP is not offered, and discovery does not name it, so a DPoP header is ignored
     * and the token is a Bearer token (RFC 9449 section 5), where a proof was checked and refused
     * with invalid_dpop_proof, an error the server does not advertise.
     */
    @Test
    void aDpopHeaderIsIgnored() {
        Http http = http();
        JsonNode machine = client(http, Members.create(baseUrl(), "dpop"), List.of("client_credentials"), List.of());

        Http.Response token = http.send(http.request("/oauth2/token", null).header("Authorization", "Basic " + basic(machine))
                .header("Content-Type", "application/x-www-form-urlencoded").header("DPoP", "eyJhbGciOiJub25lIn0.e30.")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=profile%3Aread")).build());

        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(Members.claims(token.json().path("access_token").asString()).has("cnf")).isFalse();
    }

    /**
     * RFC 8707 section 2: a client's own token is for the API, so a resource is a target it cannot
     * have; RFC 6749 section 2.3: a request is one client's, so a form client_id that is not the
     * authenticated client is refused. Both were taken and ignored.
     */
    @Test
    void aClientCredentialsRequestNamingAnotherTargetOrClientIsRefused() {
        Http http = http();
        Member owner = Members.create(baseUrl(), "target");
        JsonNode machine = client(http, owner, List.of("client_credentials"), List.of());
        JsonNode other = client(http, owner, List.of("client_credentials"), List.of());

        Http.Response target = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read",
                "resource", "https://evil.example"), basic(machine));
        Http.Response someoneElse = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read",
                "client_id", other.path("clientId").asString()), basic(machine));
        Http.Response same = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read",
                "client_id", machine.path("clientId").asString()), basic(machine));

        assertThat(target.status()).as(target.toString()).isEqualTo(400);
        assertThat(target.json().path("error").asString()).isEqualTo("invalid_target");
        assertThat(someoneElse.status()).as(someoneElse.toString()).isEqualTo(400);
        assertThat(someoneElse.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(someoneElse.json().path("error_description").asString()).contains("not the client that authenticated");
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
    }

    /**
     * RFC 6749 section 3.2, RFC 7009 section 2.1, RFC 7662 section 2.1: these requests are forms in the
     * body. A parameter in the address got contradictory answers, some checks reading it and some not
     * (black-box finding F23, 2026-12-07); now anything in the address is refused first, in one answer,
     * whether the body has the same parameter, another value of it or none, and nothing is issued,
     * revoked or told.
     */
    @Test
    void parametersInTheAddressAreRefusedAtTheTokenRevocationAndIntrospectionEndpoints() {
        Http http = http();
        JsonNode machine = client(http, Members.create(baseUrl(), "query"), List.of("client_credentials"), List.of());
        String token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(machine)).json().path("access_token").asString();
        String id = machine.path("clientId").asString();
        String secret = machine.path("clientSecret").asString();
        Map<String, List<String[]>> attempts = Map.of(
                "/oauth2/token", List.of(
                        new String[] {"grant_type=client_credentials&scope=profile%3Aread", ""},
                        new String[] {"grant_type=client_credentials", "grant_type=client_credentials"},
                        new String[] {"grant_type=refresh_token", "grant_type=client_credentials"},
                        new String[] {"scope=profile%3Aread", "grant_type=client_credentials&scope=profile%3Aread"},
                        new String[] {"gr%61nt_type=client_credentials", ""},
                        new String[] {"client_id=" + id + "&client_secret=" + secret, "grant_type=client_credentials"},
                        new String[] {"resource=https%3A%2F%2Fevil.example", "grant_type=client_credentials"},
                        new String[] {"foo=bar", "grant_type=client_credentials"},
                        new String[] {"grant_type", "grant_type=client_credentials"},
                        new String[] {"%67rant%5Ftype=refresh_token", "grant_type=client_credentials"}),
                "/oauth2/revoke", List.of(
                        new String[] {"token=" + token, ""},
                        new String[] {"token=" + token, "token=" + token},
                        new String[] {"token=" + token, "token=garbage"},
                        new String[] {"token_type_hint=access_token", "token=" + token}),
                "/oauth2/introspect", List.of(
                        new String[] {"token=" + token, ""},
                        new String[] {"token=garbage", "token=" + token},
                        new String[] {"token=" + token, "token=" + token}));
        attempts.forEach((endpoint, forms) -> {
            for (String[] form : forms) {
                for (String credentials : java.util.Arrays.asList(basic(machine), null)) {
                    Http.Response refused = post(http, endpoint + "?" + form[0], form[1], credentials);
                    String what = endpoint + "?" + form[0] + " body " + form[1] + " " + refused;
                    assertThat(refused.status()).as(what).isEqualTo(400);
                    assertThat(refused.json().path("error").asString()).as(what).isEqualTo("invalid_request");
                    assertThat(refused.json().path("error_description").asString()).as(what).contains("request body", "not in the address");
                    assertThat(refused.header("Cache-Control")).as(what).contains("no-store");
                    assertThat(refused.body()).as(what).doesNotContain("access_token", "active");
                }
            }
        });
        // Nothing was revoked; the same requests with their parameters in the body work, and an empty query is no parameter.
        Http.Response active = http.form("/oauth2/introspect", Members.ordered("token", token), basic(machine));
        assertThat(active.json().path("active").asBoolean()).as(active.toString()).isTrue();
        for (String endpoint : List.of("/oauth2/token?", "/oauth2/token?&")) {
            Http.Response issued = post(http, endpoint, "grant_type=client_credentials", basic(machine));
            assertThat(issued.status()).as(endpoint + " " + issued).isEqualTo(200);
        }
    }

    /**
     * /userinfo's 401s carry their JSON body, as its other refusals do; a program at the authorization
     * endpoint without a session is refused (400), where both were empty 401s, the latter pointing at
     * the API's resource metadata.
     */
    @Test
    void emptyRefusalsAreToldInWords() {
        Http http = http();
        Member member = Members.create(baseUrl(), "empty");
        String idToken = Members.signIn(baseUrl(), member.handle(), member.password(), "openid profile:read").path("id_token").asString();

        // As curl asks (Accept: */*).
        Http.Response noToken = http.send(http.request("/userinfo", null).setHeader("Accept", "*/*").GET().build());
        for (Http.Response refused : List.of(http.get("/userinfo", idToken), noToken)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(refused.json().path("error_description").asString()).as(refused.toString()).contains("access token");
        }
        // The authorization endpoint's words are the server's error page: OAuthConformanceTest.aProgramAtTheAuthorizationEndpointWithoutASignInIsToldToUseABrowser
        Http.Response authorize = http.send(http.request("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", Members.CLI, "redirect_uri", "http://127.0.0.1:8765/callback", "scope", "openid", "state", "s",
                "code_challenge", "x".repeat(43), "code_challenge_method", "S256")), null).setHeader("Accept", "*/*").GET().build());
        assertThat(authorize.status()).as(authorize.toString()).isEqualTo(400);
        assertThat(String.valueOf(authorize.header("WWW-Authenticate"))).doesNotContain("oauth-protected-resource");
    }

    private JsonNode client(Http http, Member owner, List<String> grantTypes, List<String> redirects) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Refused app",
                "scopes", List.of("profile:read"), "grantTypes", grantTypes, "redirectUris", redirects));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A form body written by hand, since a map cannot repeat a name or carry a broken escape. */
    private static Http.Response post(Http http, String form, String basic) {
        return post(http, "/oauth2/token", form, basic);
    }

    private static Http.Response post(Http http, String path, String form, String basic) {
        HttpRequest.Builder request = http.request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        return http.send(request.build());
    }
}
