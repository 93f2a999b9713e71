package org.behalf.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.identity.tokens.HashedAuthorizationService;
import org.behalf.identity.tokens.TokenHashes;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The authorization server over real HTTP, as a client library calls it (SECURITY-CASES 11–19):
 * each rule is tried the wrong way and must be refused. What needs the resource API's enforcement
 * or the activity API (a client token refused on a member endpoint and where that refusal is
 * recorded, the sign-ins in the member's log) is in {@code org.behalf.server.identity.OAuthServerJourneyTest}.
 */
class OAuthServerTest extends IdentitySlice {

    private static final String CALLBACK = "http://127.0.0.1:45678/callback";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private HashedAuthorizationService authorizations;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
    }

    @Test
    void discoveryAnnouncesTheExactIssuerS256OnlyAndNoImplicitOrPasswordGrant() {
        JsonNode oidc = http.get("/.well-known/openid-configuration", null).json();
        JsonNode oauth = http.get("/.well-known/oauth-authorization-server", null).json();

        assertThat(oidc.path("issuer").asString()).isEqualTo(baseUrl());
        assertThat(oauth.path("issuer").asString()).isEqualTo(baseUrl());
        assertThat(values(oauth.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(values(oauth.path("response_types_supported"))).containsExactly("code");
        assertThat(values(oauth.path("grant_types_supported"))).doesNotContain("implicit", "password");
        assertThat(http.get("/oauth2/jwks", null).json().path("keys").get(0).path("alg").asString()).isEqualTo("ES256");
        assertThat(values(oidc.path("id_token_signing_alg_values_supported"))).as("what ID tokens are really signed with")
                .containsExactly("ES256");
        assertThat(values(oidc.path("scopes_supported"))).contains("openid", "profile:read", "contacts:write", "delegation:act");
        assertThat(values(oauth.path("scopes_supported"))).isEqualTo(values(oidc.path("scopes_supported")));
    }

    @Test
    void aSignedInMemberGetsAnRfc9068AccessTokenAndTheAuthorizationResponseCarriesIss() {
        Member member = Members.create(baseUrl(), "oidc");
        String[] parts = member.accessToken().split("\\.");
        JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Members.claims(member.accessToken());

        assertThat(header.path("typ").asString()).isEqualTo("at+jwt");
        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        assertThat(claims.path("sub").asString()).isEqualTo(member.id()).startsWith("mbr_");
        assertThat(claims.path("client_id").asString()).isEqualTo(Members.CLI);
        assertThat(claims.path("iss").asString()).isEqualTo(baseUrl());
        assertThat(claims.has("jti")).isTrue();
        assertThat(values(claims.path("aud"))).contains("behalf-api");
        Authorize flow = authorize(member, "profile:read", "S256");
        assertThat(flow.callback()).contains("iss=" + java.net.URLEncoder.encode(baseUrl(), StandardCharsets.UTF_8));
    }

    @Test
    void redirectUriVariantsGetAnErrorPageNeverARedirect() {
        for (String variant : List.of("http://127.0.0.1.evil.example/callback", "http://localhost/callback",
                "https://127.0.0.1/callback", "http://127.0.0.1/callback/extra", "http://127.0.0.1/callback?x=1",
                "http://127.0.0.1/CALLBACK", "https://attacker.example/callback",
                // RFC 8252 section 7.3: only the port differs, and is a port (black-box finding: all of these were taken).
                "HTTP://127.0.0.1:9999/callback", "http://127.0.0.1:9999//callback", "http://127.0.0.1:9999/callback?",
                "http://127.0.0.1:9999/callback#", "http://127.0.0.1:/callback", "http://127.0.0.1:0/callback",
                "http://127.0.0.1:99999/callback", "http://127.0.0.1:09999/callback")) {
            Http.Response answer = http.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                    "client_id", Members.CLI, "redirect_uri", variant, "scope", "profile:read", "state", "s",
                    "code_challenge", Members.challenge("v".repeat(43)), "code_challenge_method", "S256")), null);
            assertThat(answer.status()).as(variant).isEqualTo(400);
            assertThat(answer.header("Location")).as(variant).isNull();
        }
    }

    @Test
    void pkceIsRequiredAndOnlyS256() {
        Member member = Members.create(baseUrl(), "pkce");

        Authorize missing = authorize(member, "profile:read", null);
        Authorize plain = authorize(member, "profile:read", "plain");

        assertThat(missing.code()).isNull();
        assertThat(missing.callback()).contains("error=invalid_request");
        assertThat(plain.code()).isNull();
        Authorize good = authorize(member, "profile:read", "S256");
        Http.Response wrongVerifier = token(good.code(), "w".repeat(43));
        assertThat(wrongVerifier.json().path("error").asString()).isEqualTo("invalid_grant");
        Http.Response noVerifier = http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code",
                "code", authorize(member, "profile:read", "S256").code(), "redirect_uri", CALLBACK, "client_id", Members.CLI));
        assertThat(noVerifier.status()).isIn(400, 401);
        assertThat(noVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void aReplayedCodeFailsAndRevokesTheTokensFirstIssuedFromIt() {
        Member member = Members.create(baseUrl(), "replay");
        Authorize flow = authorize(member, "profile:read", "S256");
        Http.Response first = token(flow.code(), flow.verifier());
        String accessToken = first.json().path("access_token").asString();
        assertThat(http.get("/api/v1/profile", accessToken).status()).isEqualTo(200);

        Http.Response replay = token(flow.code(), flow.verifier());

        assertThat(replay.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", accessToken).status()).isEqualTo(401);
    }

    /**
     * Found by black-box testing: the same code sent three times at once was redeemed three times
     * (each request found it unused before any saved). One at most gets tokens; the others are
     * replays, which revoke what the first got (docs/security.md rule 14).
     */
    @Test
    void aCodeSentSeveralTimesAtOnceGivesTokensAtMostOnceAndTheReplaysRevokeThem() throws Exception {
        Member member = Members.create(baseUrl(), "coderace");
        for (int round = 0; round < 3; round++) {
            Authorize flow = authorize(member, "profile:read", "S256");
            List<Http.Response> answers = org.behalf.testing.AtOnce.run(4, () -> token(flow.code(), flow.verifier()));
            List<Http.Response> issued = answers.stream().filter(answer -> answer.status() == 200).toList();
            assertThat(issued).as(answers.toString()).hasSizeLessThanOrEqualTo(1);
            assertThat(answers).as("the others are refused as replays").filteredOn(answer -> answer.status() != 200)
                    .allSatisfy(answer -> assertThat(answer.json().path("error").asString()).isEqualTo("invalid_grant"));
            for (Http.Response answer : issued) {
                assertThat(http.get("/api/v1/profile", answer.json().path("access_token").asString()).status())
                        .as("a replay revoked the tokens the code gave").isEqualTo(401);
            }
        }
    }

    /**
     * OIDC Core section 3.1.2.1: prompt=login and a max_age the sign-in is older than make the person
     * sign in again before a code is issued, and prompt=none then tells the app login_required (a
     * black-box finding: a code came at once, on any session).
     */
    @Test
    void promptLoginAndAnExceededMaxAgeAskForASignInAgainAndPromptNoneSaysLoginRequired() {
        Member member = Members.create(baseUrl(), "fresh");
        for (Map<String, String> asking : List.of(Map.of("prompt", "login"), Map.of("max_age", "0"))) {
            Http browser = Members.browser(baseUrl(), member.handle(), member.password());
            String verifier = "f".repeat(43);
            Map<String, String> query = Members.ordered("response_type", "code", "client_id", Members.CLI, "redirect_uri", CALLBACK,
                    "scope", "openid profile:read", "state", "st", "code_challenge", Members.challenge(verifier),
                    "code_challenge_method", "S256");
            query.putAll(asking);
            // As a browser asks for a page: Spring keeps only such requests to come back to after the sign-in.
            Http.Response again = browser.send(browser.request("/oauth2/authorize?" + Http.encode(query), null)
                    .setHeader("Accept", "text/html").GET().build());
            assertThat(again.status()).as(asking + " " + again).isEqualTo(302);
            assertThat(again.header("Location")).as(asking.toString()).endsWith("/login");
            assertThat(browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id",
                    Members.CLI, "redirect_uri", CALLBACK, "scope", "profile:read", "state", "other", "code_challenge",
                    Members.challenge(verifier), "code_challenge_method", "S256")), null).header("Location"))
                    .as("the browser session was signed out").endsWith("/login");

            Map<String, String> form = Members.signInForm(browser);
            form.put("username", member.handle());
            form.put("password", member.password());
            Http.Response signedIn = browser.form("/login", form);
            assertThat(signedIn.header("Location")).as("back to the request").contains("/oauth2/authorize");
            String callback = browser.get(java.net.URI.create(signedIn.header("Location")).getRawPath() + "?"
                    + java.net.URI.create(signedIn.header("Location")).getRawQuery(), null).header("Location");
            assertThat(callback).as(asking.toString()).startsWith(CALLBACK).contains("code=");
            Http.Response tokens = token(param(callback, "code"), verifier);
            assertThat(Members.claims(tokens.json().path("id_token").asString()).path("auth_time").asLong())
                    .as("the ID token says the new sign-in").isGreaterThanOrEqualTo(java.time.Instant.now().getEpochSecond() - 30);
        }

        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String none = browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", Members.CLI,
                "redirect_uri", CALLBACK, "scope", "openid profile:read", "state", "st", "code_challenge", Members.challenge("n".repeat(43)),
                "code_challenge_method", "S256", "prompt", "none", "max_age", "0")), null).header("Location");
        assertThat(none).startsWith(CALLBACK).contains("error=login_required").contains("state=st");
        String recent = browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", Members.CLI,
                "redirect_uri", CALLBACK, "scope", "openid profile:read", "state", "st", "code_challenge", Members.challenge("n".repeat(43)),
                "code_challenge_method", "S256", "max_age", "3600")), null).header("Location");
        assertThat(recent).as("a sign-in within max_age is taken").startsWith(CALLBACK).contains("code=");
    }

    /**
     * OIDC Core section 3.1.2.1: with prompt=none and nobody signed in the app is told login_required
     * at its redirect URI, where the browser was sent to the sign-in page, and a silent sign-in check
     * never heard back (black-box finding F14, 2026-12-07). Without prompt=none the sign-in page stays.
     */
    @Test
    void promptNoneWithoutASignInSaysLoginRequiredAtTheRedirectUri() {
        Http browser = new Http(baseUrl());
        for (String scope : List.of("openid profile:read", "profile:read")) {
            Map<String, String> query = Members.ordered("response_type", "code", "client_id", Members.CLI, "redirect_uri", CALLBACK,
                    "scope", scope, "state", "silent", "code_challenge", Members.challenge("s".repeat(43)), "code_challenge_method", "S256",
                    "nonce", "n", "prompt", "none");
            Http.Response none = browser.send(browser.request("/oauth2/authorize?" + Http.encode(query), null)
                    .setHeader("Accept", "text/html").GET().build());
            assertThat(none.status()).as(scope + " " + none).isEqualTo(302);
            assertThat(none.header("Location")).as(scope).startsWith(CALLBACK).contains("error=login_required").contains("state=silent")
                    .contains("iss=").contains("error_description=The%20person%20is%20not%20signed%20in");
            query.remove("prompt");
            assertThat(browser.send(browser.request("/oauth2/authorize?" + Http.encode(query), null)
                    .setHeader("Accept", "text/html").GET().build()).header("Location")).as(scope).endsWith("/login");
        }
    }

    /**
     * RFC 7636 section 4.1: a code_verifier is 43 to 128 unreserved characters; one character, or 129,
     * whose challenge matched, redeemed the code (black-box finding F7, 2026-12-07). Now it is
     * invalid_request saying so, and the code is still there for the right request.
     */
    @Test
    void aCodeVerifierNotOfRfc7636sFormIsRefusedAsInvalidRequest() {
        Member member = Members.create(baseUrl(), "verif");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        for (String verifier : List.of("x", "a".repeat(129), "with spaces " + "s".repeat(40))) {
            String callback = browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id",
                    Members.CLI, "redirect_uri", CALLBACK, "scope", "profile:read", "state", "st", "code_challenge",
                    Members.challenge(verifier), "code_challenge_method", "S256")), null).header("Location");
            assertThat(callback).as(verifier).contains("code=");
            Http.Response refused = token(param(callback, "code"), verifier);
            assertThat(refused.status()).as(verifier + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_request");
            assertThat(refused.json().path("error_description").asString()).contains("code_verifier", "43 to 128");
        }
    }

    @Test
    void noImplicitNoPasswordGrantAndAClientGetsOnlyItsRegisteredGrantTypes() {
        Member member = Members.create(baseUrl(), "grants");
        Http.Response implicit = http.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "token",
                "client_id", Members.CLI, "redirect_uri", CALLBACK, "scope", "profile:read", "state", "s")), null);
        assertThat(String.valueOf(implicit.header("Location"))).doesNotContain("access_token");

        Http.Response password = http.form("/oauth2/token", Members.ordered("grant_type", "password", "username", member.handle(),
                "password", member.password(), "client_id", Members.CLI));
        assertThat(password.status()).isIn(400, 401);
        assertThat(password.body()).doesNotContain("access_token");

        Http.Response clientCredentials = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials",
                "client_id", Members.CLI));
        assertThat(clientCredentials.status()).isIn(400, 401);
    }

    @Test
    void anIntegratorCannotTakeFirstPartyScopesOrInsecureRedirects() {
        Member integrator = Members.create(baseUrl(), "integ");
        for (String scope : List.of("delegation:manage", "account:manage", "clients:manage")) {
            Http.Response refused = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "App",
                    "redirectUris", List.of("https://app.example/cb"), "scopes", List.of(scope)));
            assertThat(refused.status()).as(scope).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("scopes");
        }
        Http.Response insecure = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "App",
                "redirectUris", List.of("http://app.example/cb"), "scopes", List.of("profile:read")));
        assertThat(insecure.json().path("field").asString()).isEqualTo("redirectUris");
        Http.Response implicit = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "App",
                "redirectUris", List.of("https://app.example/cb"), "scopes", List.of("profile:read"), "grantTypes", List.of("implicit")));
        assertThat(implicit.json().path("field").asString()).isEqualTo("grantTypes");
    }

    /**
     * Redirect URIs longer in all than the store keeps are a 400 naming the limit, where they were a
     * 500 "could not be stored" (black-box finding F2, 2026-12-07); nothing is created.
     */
    @Test
    void redirectUrisTooLongToStoreAreRefusedInPlainWords() {
        Member integrator = Members.create(baseUrl(), "longcb");
        List<List<String>> tooLong = List.of(List.of("https://app.example/" + "a".repeat(1500)),
                java.util.stream.IntStream.range(0, 4).mapToObj(i -> "https://app.example/" + i + "x".repeat(400)).toList());
        for (List<String> redirects : tooLong) {
            Http.Response refused = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Long app",
                    "redirectUris", redirects, "scopes", List.of("profile:read"), "grantTypes", List.of("authorization_code")));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("redirectUris");
            assertThat(refused.json().path("detail").asString()).contains("at most 1000 characters");
        }
        assertThat(http.get("/api/v1/clients", integrator.accessToken()).json().path("items").size()).isZero();
        String longest = "https://app.example/" + "a".repeat(1000 - "https://app.example/".length());
        assertThat(http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Long app", "redirectUris", List.of(longest),
                "scopes", List.of("profile:read"), "grantTypes", List.of("authorization_code"))).status()).isEqualTo(201);
    }

    /**
     * The product's own name, in any spelling compared as handles are, is not an app's name, and the
     * consent page names the member an integrator's app is made by, not by Behalf (black-box finding
     * F3, 2026-12-07: "Behalf Console" was registered and shown as is).
     */
    @Test
    void anAppCannotBeNamedBehalfAndTheConsentPageNamesItsMaker() {
        Member integrator = Members.create(baseUrl(), "brand");
        for (String name : List.of("Behalf Console", "BEHALF", "\uff22\uff45\uff48\uff41\uff4c\uff46 Console", "Behalf\u200bConsole",
                "B\u0435h\u0430lf Console", "\u0412ehalf", "Be-half", "8eha1f", "Beh\u00e1lf", "My Behalf sync")) {
            Http.Response refused = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", name,
                    "redirectUris", List.of("https://app.example/cb"), "scopes", List.of("profile:read")));
            assertThat(refused.status()).as(name + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("name");
            assertThat(refused.json().path("detail").asString()).contains("Behalf, the product's own name");
        }
        assertThat(http.get("/api/v1/clients", integrator.accessToken()).json().path("items").size()).isZero();
        for (String name : List.of("Maybe half", "Calendar Helper", "\u30ab\u30ec\u30f3\u30c0\u30fc\u30a2\u30d7\u30ea")) {
            assertThat(http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", name, "redirectUris",
                    List.of("https://app.example/cb"), "scopes", List.of("profile:read"))).status()).as(name).isEqualTo(201);
        }

        JsonNode app = registerClient(integrator, List.of("profile:read"), List.of("authorization_code"), List.of("https://app.example/cb"));
        Member member = Members.create(baseUrl(), "brandx");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        Http.Response consent = browser.get(browser.get(appAuthorization(app, "https://app.example/cb", "profile:read"), null)
                .header("Location"), null);
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.body()).contains("id=\"made-by\"", "(@" + integrator.handle() + ")").doesNotContain("id=\"self-registered\"");
    }

    /**
     * The consent page promises renewal only to an app that can renew, one with the refresh grant; it
     * promised it to every app (black-box finding F9, 2026-12-07).
     */
    @Test
    void theConsentPagePromisesRenewalOnlyToAnAppWithTheRefreshGrant() {
        Member integrator = Members.create(baseUrl(), "renew");
        Member member = Members.create(baseUrl(), "renewm");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        for (List<String> grants : List.of(List.of("authorization_code"), List.of("authorization_code", "refresh_token"))) {
            JsonNode app = registerClient(integrator, List.of("profile:read"), grants, List.of("https://app.example/cb"));
            String page = browser.get(browser.get(appAuthorization(app, "https://app.example/cb", "profile:read"), null)
                    .header("Location"), null).body();
            if (grants.contains("refresh_token")) {
                assertThat(page).as(grants.toString()).contains("id=\"renews\"", "can renew access").doesNotContain("id=\"no-renewal\"");
            } else {
                assertThat(page).as(grants.toString()).contains("id=\"no-renewal\"", "cannot").doesNotContain("can renew access");
            }
        }
    }

    @Test
    void introspectionNeedsClientAuthenticationAndTellsAClientOnlyAboutItsOwnTokens() {
        Member integrator = Members.create(baseUrl(), "intro");
        JsonNode mine = registerClient(integrator, List.of("profile:read"), List.of("client_credentials"), List.of());
        JsonNode other = registerClient(integrator, List.of("profile:read"), List.of("client_credentials"), List.of());
        String token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(mine)).json().path("access_token").asString();

        assertThat(http.form("/oauth2/introspect", Members.ordered("token", token)).status()).isEqualTo(401);
        JsonNode active = http.form("/oauth2/introspect", Members.ordered("token", token), basic(mine)).json();
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("client_id").asString()).isEqualTo(mine.path("clientId").asString());
        assertThat(active.path("sub").asString()).isEqualTo(mine.path("clientId").asString());
        assertThat(active.path("scope").asString()).isEqualTo("profile:read");
        assertThat(active.path("exp").asLong()).isEqualTo(Members.claims(token).path("exp").asLong());
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", token), basic(other)).json().path("active").asBoolean())
                .isFalse();

        assertThat(http.form("/oauth2/revoke", Members.ordered("token", token)).status()).isEqualTo(401);
        assertThat(http.form("/oauth2/revoke", Members.ordered("token", token), basic(mine)).status()).isEqualTo(200);
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", token), basic(mine)).json().path("active").asBoolean())
                .isFalse();
    }

    @Test
    void aMemberWhoAuthorizedADeletedAppStillSeesTheirSessionsAndChangesTheirPassword() {
        Member member = Members.create(baseUrl(), "appgone");
        JsonNode app = registerClient(member, List.of("profile:read"), List.of("authorization_code"), List.of("https://app.example/cb"));
        String appToken = signInWith(app, member, "profile:read").path("access_token").asString();

        assertThat(http.delete("/api/v1/clients/" + app.path("clientId").asString(), member.accessToken()).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/profile", appToken).status()).isEqualTo(401);
        Http.Response sessions = http.get("/api/v1/account/sessions", member.accessToken());
        assertThat(sessions.status()).as(sessions.toString()).isEqualTo(200);
        assertThat(sessions.body()).doesNotContain(app.path("clientId").asString());
        assertThat(http.post("/api/v1/account/password", member.accessToken(), Map.of("currentPassword", member.password(),
                "newPassword", "another long passphrase")).status()).isEqualTo(204);
    }

    @Test
    void theSweepDropsExpiredClientTokensAndKeepsLiveOnes() {
        Member integrator = Members.create(baseUrl(), "sweep");
        JsonNode client = registerClient(integrator, List.of("profile:read"), List.of("client_credentials"), List.of());
        String expired = clientToken(client);
        String live = clientToken(client);
        jdbc.update("UPDATE identity_token_index SET expires_at = ? WHERE token_hash = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(60)), TokenHashes.sha256(expired));

        assertThat(authorizations.deleteExpired(Instant.now())).isPositive();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM identity_token_index WHERE token_hash = ?", Integer.class,
                TokenHashes.sha256(expired))).isZero();
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", live), basic(client)).json().path("active").asBoolean())
                .isTrue();
    }

    @Test
    void refreshTokensRotateAndReusingAnOldOneRevokesTheWholeFamily() {
        Member member = Members.create(baseUrl(), "refresh");
        JsonNode app = registerClient(member, List.of("profile:read"), List.of("authorization_code", "refresh_token"),
                List.of("https://app.example/cb"));
        JsonNode tokens = signInWith(app, member, "profile:read");
        String firstRefresh = tokens.path("refresh_token").asString();

        JsonNode rotated = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", firstRefresh),
                basic(app)).json();
        String secondRefresh = rotated.path("refresh_token").asString();
        assertThat(secondRefresh).isNotBlank().isNotEqualTo(firstRefresh);
        Http.Response widened = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token",
                secondRefresh, "scope", "profile:read profile:write"), basic(app));
        assertThat(widened.json().path("error").asString()).isEqualTo("invalid_scope");

        Http.Response reuse = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", firstRefresh),
                basic(app));
        assertThat(reuse.json().path("error").asString()).isEqualTo("invalid_grant");
        Http.Response familyRevoked = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token",
                secondRefresh), basic(app));
        assertThat(familyRevoked.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", rotated.path("access_token").asString()).status()).isEqualTo(401);

        Member stranger = Members.create(baseUrl(), "strang");
        JsonNode strangersApp = registerClient(stranger, List.of("profile:read"), List.of("authorization_code", "refresh_token"),
                List.of("https://app.example/cb"));
        String fresh = signInWith(app, member, "profile:read").path("refresh_token").asString();
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", fresh),
                basic(strangersApp)).json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void forgedAndMisusedTokensAreRefused() {
        Member member = Members.create(baseUrl(), "forge");
        String[] parts = member.accessToken().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String hmac = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
        String tamperedClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Members.claims(member.accessToken()).toString().replace(member.id(), "mbr_someoneelse").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        for (String forged : List.of(none, hmac, tamperedClaims, "not-a-jwt")) {
            Http.Response answer = http.get("/api/v1/profile", forged);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        JsonNode withIdToken = Members.signIn(baseUrl(), member.handle(), member.password(), "openid profile:read");
        assertThat(http.get("/api/v1/profile", withIdToken.path("id_token").asString()).status())
                .as("an ID token (typ JWT, aud the client) is no access token").isEqualTo(401);
        assertThat(http.get("/userinfo", withIdToken.path("access_token").asString()).json().path("sub").asString()).isEqualTo(member.id());
    }

    @Test
    void anIntegratorsRedirectUriMatchesOnlyAsRegistered() {
        Member owner = Members.create(baseUrl(), "redir");
        JsonNode app = registerClient(owner, List.of("profile:read"), List.of("authorization_code"), List.of("https://app.example/cb"));
        Http browser = Members.browser(baseUrl(), owner.handle(), owner.password());
        // SECURITY-CASES 11, RFC 9700 section 4.1.3: exact string comparison; the loopback-port
        // allowance is for behalf-cli's http://127.0.0.1 only, never for a registered https URI.
        for (String variant : List.of("https://app.example/cb/", "https://app.example:8443/cb", "https://APP.example/cb",
                "https://app.example/cb?x=1", "https://app.example/CB")) {
            Http.Response answer = browser.get(appAuthorization(app, variant, "profile:read"), null);
            assertThat(answer.status()).as(variant).isEqualTo(400);
            assertThat(answer.header("Location")).as(variant).isNull();
        }
        String exact = browser.get(appAuthorization(app, "https://app.example/cb", "profile:read"), null).header("Location");
        assertThat(exact).as("the registered URI itself goes on to consent").contains("/oauth2/consent");
    }

    @Test
    void aClientGetsOnlyTheScopesItRegistered() {
        Member owner = Members.create(baseUrl(), "scopes");
        JsonNode app = registerClient(owner, List.of("profile:read"), List.of("authorization_code", "client_credentials"),
                List.of("https://app.example/cb"));
        // SECURITY-CASES 13, RFC 6749 sections 4.1.2.1 and 5.2: invalid_scope, and nothing issued.
        for (String scope : List.of("contacts:read", "profile:read contacts:read", "account:manage")) {
            Http.Response refused = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", scope), basic(app));
            assertThat(refused.status()).as(scope).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(scope).isEqualTo("invalid_scope");
            assertThat(refused.body()).doesNotContain("access_token");
        }
        Http browser = Members.browser(baseUrl(), owner.handle(), owner.password());
        String location = browser.get(appAuthorization(app, "https://app.example/cb", "profile:read contacts:read"), null)
                .header("Location");
        assertThat(location).startsWith("https://app.example/cb");
        assertThat(param(location, "error")).isEqualTo("invalid_scope");
        assertThat(param(location, "code")).isNull();
    }

    @Test
    void aClientCannotRevokeAnotherClientsToken() {
        Member owner = Members.create(baseUrl(), "revoke");
        JsonNode mine = registerClient(owner, List.of("profile:read"), List.of("client_credentials"), List.of());
        JsonNode other = registerClient(owner, List.of("profile:read"), List.of("client_credentials"), List.of());
        String token = clientToken(mine);

        Http.Response attempt = http.form("/oauth2/revoke", Members.ordered("token", token), basic(other));

        // SECURITY-CASES 16, RFC 7009 section 2.1: the server checks the token was issued to the caller.
        assertThat(attempt.status()).isLessThan(500);
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", token), basic(mine)).json().path("active").asBoolean())
                .as("still active for its own client").isTrue();
    }

    /**
     * SECURITY-CASES 16 (docs/security.md rule 16): revocation requires client authentication, which a
     * public client's id alone is not. Black-box finding F8 (2026-12-07) asked that behalf-cli, or a
     * single-page or mobile app, end its refresh token at sign-out with its id alone (RFC 7009 section 5
     * allows it); the contract does not, so that is refused, in words that say how the sign-in ends
     * instead, and the tokens keep working until it is ended that way (here with the API's delete of the
     * session, which behalf-cli's token may call with account:manage). A grant_type added to the request
     * does not make the revocation, or an introspection, a refresh the client may name itself for, and
     * a library that accepts pages (Nimbus) is answered the same, not sent to the sign-in page.
     */
    @Test
    void aPublicClientCannotRevokeItsOwnTokensAndIsToldHowTheSignInEnds() {
        Member member = Members.create(baseUrl(), "pubrev");
        JsonNode tokens = Members.signIn(baseUrl(), member.handle(), member.password(), "profile:read account:manage");
        String refresh = tokens.path("refresh_token").asString();
        String access = tokens.path("access_token").asString();

        List<Http.Response> refused = List.of(
                http.form("/oauth2/revoke", Members.ordered("token", refresh, "token_type_hint", "refresh_token", "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", access, "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", refresh, "grant_type", "refresh_token", "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", refresh)),
                // Java's own default Accept, which names text/html (so Nimbus's): it was sent to the sign-in page.
                http.send(http.request("/oauth2/revoke", null).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + refresh + "&client_id=" + Members.CLI)).build()));
        for (Http.Response answer : refused) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"behalf\"");
            assertThat(answer.json().path("error").asString()).isEqualTo("invalid_client");
            assertThat(answer.json().path("error_description").asString()).as(answer.toString())
                    .contains("needs the client's id and secret", "a client without a secret", "cannot revoke tokens here",
                            "\"Where you are signed in\"", "/console/account", "DELETE /api/v1/account/sessions/{id}");
        }
        Http.Response introspected = http.form("/oauth2/introspect", Members.ordered("token", access, "grant_type", "refresh_token",
                "client_id", Members.CLI));
        assertThat(introspected.status()).as(introspected.toString()).isEqualTo(401);
        assertThat(introspected.body()).doesNotContain("active");

        // Nothing was revoked: the access token works, and the refresh token still rotates.
        assertThat(http.get("/api/v1/profile", access).status()).isEqualTo(200);
        Http.Response refreshed = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", Members.CLI));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String newRefresh = refreshed.json().path("refresh_token").asString();
        String newAccess = refreshed.json().path("access_token").asString();

        // The way the answer names: the session ends, with both of its tokens.
        JsonNode session = items(http.get("/api/v1/account/sessions", newAccess)).stream()
                .filter(s -> s.path("current").asBoolean()).findFirst().orElseThrow();
        assertThat(http.delete("/api/v1/account/sessions/" + session.path("id").asString(), newAccess).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/profile", newAccess).status()).isEqualTo(401);
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", newRefresh,
                "client_id", Members.CLI)).json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).as("another sign-in").isEqualTo(200);
    }

    /**
     * SECURITY-CASES 16: no client revokes with its id alone, whoever's token it names (another client's,
     * or its own as a public client) and whatever it is named (a confidential client's id, a name the
     * database's collation finds but that is not exactly a client's, a blank one); each is refused
     * invalid_client and the token stays valid. At the token endpoint a public client still names itself
     * for a refresh, and there a blank name was a 500 and "BEHALF-CLI" a PKCE invalid_grant (black-box
     * testing, 2026-12-07): both are invalid_client; two names are invalid_request.
     */
    @Test
    void noClientRevokesWithItsIdAloneAndANameNotExactlyAClientsIsInvalidClient() {
        Member member = Members.create(baseUrl(), "pubatk");
        JsonNode app = registerClient(member, List.of("profile:read"), List.of("authorization_code", "refresh_token"),
                List.of("https://app.example/cb"));
        JsonNode appTokens = signInWith(app, member, "profile:read");
        String appId = app.path("clientId").asString();
        Http.Response registered = http.post("/oauth2/register", null, Map.of("client_name", "Revoking assistant",
                "redirect_uris", List.of("http://127.0.0.1:33418/callback")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String selfRegistered = registered.json().path("client_id").asString();

        List<Http.Response> noClient = List.of(
                http.form("/oauth2/revoke", Members.ordered("token", appTokens.path("refresh_token").asString(), "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", appTokens.path("access_token").asString(), "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", member.refreshToken(), "client_id", selfRegistered)),
                http.form("/oauth2/revoke", Members.ordered("token", member.accessToken(), "token_type_hint", "access_token",
                        "client_id", selfRegistered)),
                http.form("/oauth2/revoke", Members.ordered("token", appTokens.path("refresh_token").asString(), "client_id", appId)),
                http.form("/oauth2/revoke", Members.ordered("token", member.refreshToken(), "client_id", "BEHALF-CLI")),
                http.form("/oauth2/revoke", Members.ordered("token", member.refreshToken(), "client_id", Members.CLI + " ")),
                http.form("/oauth2/revoke", Members.ordered("token", member.refreshToken(), "client_id", "")),
                // The same names at the token endpoint (a blank one was a 500 there, BEHALF-CLI a PKCE invalid_grant).
                http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", member.refreshToken(),
                        "client_id", "")),
                http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", member.refreshToken(),
                        "client_id", "BEHALF-CLI")));
        for (Http.Response answer : noClient) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.json().path("error").asString()).isEqualTo("invalid_client");
        }
        // Two ids at once: one client per request (RFC 6749 section 3.1), whichever order, at either endpoint.
        for (String endpoint : List.of("/oauth2/revoke", "/oauth2/token")) {
            Http.Response twice = http.send(http.request(endpoint, null).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&token=" + member.refreshToken()
                            + "&refresh_token=" + member.refreshToken() + "&client_id=" + selfRegistered + "&client_id=" + Members.CLI)).build());
            assertThat(twice.status()).as(endpoint + " " + twice).isEqualTo(400);
            assertThat(twice.json().path("error").asString()).isEqualTo("invalid_request");
        }

        // Nothing was revoked: everything still works for the client it was issued to.
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", appTokens.path("access_token").asString()), basic(app))
                .json().path("active").asBoolean()).isTrue();
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token",
                appTokens.path("refresh_token").asString()), basic(app)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", member.refreshToken(),
                "client_id", Members.CLI)).status()).isEqualTo(200);
    }

    @Test
    void theAuthorizationEndpointSendsNoCorsHeaders() {
        String authorize = "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", Members.CLI,
                "redirect_uri", CALLBACK, "scope", "profile:read", "state", "s", "code_challenge", Members.challenge("v".repeat(43)),
                "code_challenge_method", "S256"));
        // SECURITY-CASES 18: a page of another origin must not read the authorization response.
        Http.Response get = http.send(http.request(authorize, null).header("Origin", "https://attacker.example").GET().build());
        Http.Response preflight = http.send(http.request(authorize, null).header("Origin", "https://attacker.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        for (Http.Response answer : List.of(get, preflight)) {
            assertThat(answer.header("Access-Control-Allow-Origin")).as(answer.toString()).isNull();
            assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
        }
    }

    /**
     * The consent page is drawn only for the authorization in progress it was sent for, by its member, with
     * that request's scopes; its answer checks the form's CSRF token (docs/security.md rule 22); a Deny is
     * access_denied in plain words (rule 39). Black-box findings: a forged address drew a real app asking
     * for the address's scopes, an unknown app drew a page, and a consent answered with any token got a code.
     */
    @Test
    void theConsentPageIsTheRequestInProgressAndItsAnswerNeedsTheFormsCsrfToken() {
        Member owner = Members.create(baseUrl(), "consent");
        JsonNode app = registerClient(owner, List.of("profile:read", "contacts:read"), List.of("authorization_code"),
                List.of("https://app.example/cb"));
        String clientId = app.path("clientId").asString();
        Http browser = Members.browser(baseUrl(), owner.handle(), owner.password());
        String consent = browser.get(appAuthorization(app, "https://app.example/cb", "profile:read"), null).header("Location");
        assertThat(consent).contains("/oauth2/consent");
        String state = java.net.URLEncoder.encode(param(consent, "state"), StandardCharsets.UTF_8);

        Http.Response widened = browser.get("/oauth2/consent?client_id=" + clientId + "&state=" + state
                + "&scope=account:manage%20contacts:read", null);
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
        assertThat(widened.body()).contains("value=\"profile:read\"").doesNotContain("account:manage", "contacts:read");
        Member other = Members.create(baseUrl(), "consentx");
        Http.Response strangers = Members.browser(baseUrl(), other.handle(), other.password()).get(consent, null);
        assertThat(strangers.status()).as("another member's consent " + strangers).isEqualTo(400);
        for (String forged : List.of("?client_id=" + clientId + "&state=forged&scope=account:manage", "?client_id=behalf-cli&state=" + state,
                "?client_id=no-such-app&state=" + state + "&scope=profile:read", "")) {
            Http.Response answer = browser.get("/oauth2/consent" + forged, null);
            assertThat(answer.status()).as(forged + " " + answer).isEqualTo(400);
            assertThat(answer.body()).as(forged).doesNotContain("Allow", "Unknown app");
        }

        Map<String, String> form = Members.hidden(widened.body());
        assertThat(form).containsKey("_csrf");
        for (String token : List.of("WRONG", "")) {
            Map<String, String> forgedForm = new java.util.LinkedHashMap<>(form);
            if (token.isEmpty()) {
                forgedForm.remove("_csrf");
            } else {
                forgedForm.put("_csrf", token);
            }
            Http.Response answer = browser.form("/oauth2/authorize", forgedForm);
            assertThat(answer.status()).as("_csrf=" + token + " " + answer).isEqualTo(403);
            assertThat(answer.header("Location")).isNull();
        }
        String denied = browser.form("/oauth2/authorize", form).header("Location");
        assertThat(denied).startsWith("https://app.example/cb?error=access_denied").doesNotContain("code=");
        assertThat(param(denied, "error_description")).isEqualTo("The person declined.");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private record Authorize(String callback, String code, String verifier) {
    }

    /** The authorization request of behalf-cli for a signed-in member; {@code method} null sends no challenge. */
    private Authorize authorize(Member member, String scope, String method) {
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(("verifier-" + System.nanoTime() + "-padding-to-43-chars").getBytes(StandardCharsets.UTF_8));
        Map<String, String> query = Members.ordered("response_type", "code", "client_id", Members.CLI, "redirect_uri", CALLBACK,
                "scope", scope, "state", "st");
        if (method != null) {
            query.put("code_challenge", "plain".equals(method) ? verifier : Members.challenge(verifier));
            query.put("code_challenge_method", method);
        }
        Http.Response answer = browser.get("/oauth2/authorize?" + Http.encode(query), null);
        String location = answer.header("Location");
        String code = location == null ? null : param(location, "code");
        return new Authorize(location == null ? answer.body() : location, code, verifier);
    }

    private Http.Response token(String code, String verifier) {
        return http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "client_id", Members.CLI, "code_verifier", verifier));
    }

    /** The code flow of a confidential third-party client, through the consent page. */
    private JsonNode signInWith(JsonNode app, Member member, String scope) {
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String verifier = "v".repeat(20) + System.nanoTime() + "v".repeat(20);
        String authorize = "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", app.path("clientId").asString(), "redirect_uri", "https://app.example/cb", "scope", scope, "state", "st",
                "code_challenge", Members.challenge(verifier), "code_challenge_method", "S256"));
        Http.Response consent = browser.get(authorize, null);
        if (consent.status() == 302 && consent.header("Location").startsWith("https://app.example/cb")) {
            // consent given before: the code comes at once
            return http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code", "code",
                    param(consent.header("Location"), "code"), "redirect_uri", "https://app.example/cb", "code_verifier", verifier),
                    basic(app)).json();
        }
        if (consent.status() == 302 && consent.header("Location").contains("/oauth2/consent")) {
            consent = browser.get(consent.header("Location"), null);
        }
        assertThat(consent.status()).as(consent + " " + consent.header("Location")).isEqualTo(200);
        assertThat(consent.body()).contains("name=\"scope\"", "Read your full profile");
        assertThat(consent.header("Content-Security-Policy")).isEqualTo("default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        Map<String, String> form = Members.hidden(consent.body());
        String body = Http.encode(form) + "&scope=" + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8);
        Http.Response allowed = browser.send(browser.request("/oauth2/authorize", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        String code = param(allowed.header("Location"), "code");
        return http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code", "code", code,
                "redirect_uri", "https://app.example/cb", "code_verifier", verifier), basic(app)).json();
    }

    /** An integrator's authorization request (PKCE S256) to the given redirect URI. */
    private static String appAuthorization(JsonNode app, String redirect, String scope) {
        return "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", app.path("clientId").asString(),
                "redirect_uri", redirect, "scope", scope, "state", "st", "code_challenge", Members.challenge("v".repeat(43)),
                "code_challenge_method", "S256"));
    }

    private JsonNode registerClient(Member owner, List<String> scopes, List<String> grantTypes, List<String> redirects) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Test app", "scopes", scopes,
                "grantTypes", grantTypes, "redirectUris", redirects));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String clientToken(JsonNode client) {
        return http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic(client)).json()
                .path("access_token").asString();
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":" + client.path("clientSecret").asString())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String param(String uri, String name) {
        String query = URI.create(uri).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        if (array.isArray()) {
            array.forEach(value -> values.add(value.asString()));
        } else if (!array.isMissingNode()) {
            values.add(array.asString());
        }
        return values;
    }
}
