package org.behalf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.identity.api.MemberDirectory;
import org.behalf.kernel.slice.ServerDefaultsSchema;
import org.behalf.testing.Http;
import org.behalf.testing.IdSpellings;
import org.behalf.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md rule 26: a client id, a browser's session id and a member id are one string each
 * (DESIGN.md section 3), also on a database created with the server's defaults, whose collation ignores
 * case and accents, not only on the tests' binary schemas. Each is sent in other spellings (a letter in
 * the other case, a vowel with an accent, trailing spaces, which every MySQL collation pads) and is no
 * client, no sign-in and no member: at the token, introspection and revocation endpoints (a secret or
 * PKCE), at the authorization endpoint, on the API's paths that name an app, in the session cookie and
 * in the member directory; and nothing changes. Before, another spelling of a client's id got its tokens,
 * redeemed its codes and answered for it on the API, and another spelling of a session id was signed in.
 */
@Import(ServerDefaultsSchema.class)
class IdCollationTest extends IdentitySlice {

    private static final String REDIRECT = "https://app.example/cb";
    private static final String CLI_REDIRECT = "http://127.0.0.1:45678/callback";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MemberDirectory directory;

    private Http http;

    @BeforeEach
    void onTheServersDefaultCollation() {
        assertThat(jdbc.queryForObject("SELECT DATABASE()", String.class)).isEqualTo(ServerDefaultsSchema.DATABASE.schema());
        assertThat(jdbc.queryForObject("SELECT @@collation_database", String.class)).isNotEqualTo("utf8mb4_bin");
        http = new Http(baseUrl());
    }

    @Test
    void aClientIdInAnotherSpellingIsNoClientAtTheTokenEndpoint() {
        Members.Member integrator = Members.create(baseUrl(), "spell");
        JsonNode app = register(integrator, List.of("client_credentials"));
        String id = app.path("clientId").asString();
        String secret = app.path("clientSecret").asString();

        answeredAsNoClient(id, other -> http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials",
                "scope", "profile:read"), basic(other, secret)));
        answeredAsNoClient(id, other -> http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials",
                "scope", "profile:read", "client_id", other, "client_secret", secret)));
        answeredAsNoClient(id, other -> http.form("/oauth2/introspect", Members.ordered("token", "x"), basic(other, secret)));
        answeredAsNoClient(id, other -> http.form("/oauth2/revoke", Members.ordered("token", "x"), basic(other, secret)));
        Http.Response token = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                basic(id, secret));
        assertThat(token.status()).isEqualTo(200);
        assertThat(Members.claims(token.json().path("access_token").asString()).path("client_id").asString()).isEqualTo(id);
    }

    /** Spring's PKCE path: a public client's code, and a confidential client's, redeemed under another spelling of its id. */
    @Test
    void aClientIdInAnotherSpellingGetsNoTokenForItsCode() {
        Members.Member member = Members.create(baseUrl(), "spell");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String verifier = "v".repeat(43);
        String code = code(browser, Members.CLI, CLI_REDIRECT, verifier, "profile:read");

        answeredAsNoClient(Members.CLI, other -> http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code",
                "code", code, "redirect_uri", CLI_REDIRECT, "client_id", other, "code_verifier", verifier)));
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code", "code", code,
                "redirect_uri", CLI_REDIRECT, "client_id", Members.CLI, "code_verifier", verifier)).status())
                .as("the code, unspent by the refusals").isEqualTo(200);

        JsonNode app = register(Members.create(baseUrl(), "spell"), List.of("authorization_code"));
        String id = app.path("clientId").asString();
        String appCode = code(browser, id, REDIRECT, verifier, "profile:read");
        answeredAsNoClient(id, other -> http.form("/oauth2/token", Members.ordered("grant_type", "authorization_code",
                "code", appCode, "redirect_uri", REDIRECT, "client_id", other, "code_verifier", verifier)));
    }

    @Test
    void aClientIdInAnotherSpellingIsNoClientAtTheAuthorizationEndpoint() {
        Members.Member member = Members.create(baseUrl(), "spell");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        answeredAsNoClient(Members.CLI, other -> {
            Http.Response answer = browser.get(authorization(other, CLI_REDIRECT, "v".repeat(43), "profile:read"), null);
            // The error page names what was asked; what matters is that it is the page, and no code goes anywhere.
            return new Http.Response(answer.status(), String.valueOf(answer.header("Location")), answer.raw());
        });
        assertThat(code(browser, Members.CLI, CLI_REDIRECT, "v".repeat(43), "profile:read")).isNotBlank();
    }

    @Test
    void aClientIdInAnotherSpellingIsNoAppOnTheApi() {
        Members.Member integrator = Members.create(baseUrl(), "spell");
        JsonNode app = register(integrator, List.of("authorization_code", "refresh_token"));
        String id = app.path("clientId").asString();
        Members.Member member = Members.create(baseUrl(), "spell");
        String appToken = Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read").path("access_token").asString();

        for (String other : IdSpellings.asSent(id)) {
            String path = URLEncoder.encode(other, StandardCharsets.UTF_8).replace("+", "%20");
            assertThat(http.get("/api/v1/clients/" + path, integrator.accessToken()).status()).as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/clients/" + path + "/secret", integrator.accessToken(), null).status()).as(other).isEqualTo(404);
            assertThat(http.delete("/api/v1/clients/" + path, integrator.accessToken()).status()).as(other).isEqualTo(404);
            assertThat(http.delete("/api/v1/apps/authorized/" + path, member.accessToken()).status()).as(other).isEqualTo(404);
        }
        JsonNode kept = http.get("/api/v1/clients/" + id, integrator.accessToken()).json();
        assertThat(kept.path("clientId").asString()).isEqualTo(id);
        assertThat(kept.path("previousSecretExpiresAt").isNull()).as("no secret rotated").isTrue();
        assertThat(items(http.get("/api/v1/apps/authorized", member.accessToken()))).extracting(a -> a.path("clientId").asString())
                .containsExactly(id);
        assertThat(http.get("/api/v1/profile", appToken).status()).as("the app's token, not revoked").isEqualTo(200);
    }

    @Test
    void aSessionCookieInAnotherSpellingIsNoSignIn() {
        Members.Member member = Members.create(baseUrl(), "spell");
        Http browser = new Http(baseUrl());
        Map<String, String> fields = Members.signInForm(browser);
        fields.put("username", member.handle());
        fields.put("password", member.password());
        Http.Response signedIn = browser.form("/login", fields);
        String cookie = signedIn.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring("SESSION=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        String sessionId = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        String request = authorization(Members.CLI, CLI_REDIRECT, "v".repeat(43), "profile:read");

        for (String other : IdSpellings.asSent(sessionId)) {
            Http.Response answer = withSession(request, Base64.getEncoder().encodeToString(other.getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.header("Location")).as(other).endsWith("/login");
        }
        assertThat(withSession(request, cookie).header("Location")).startsWith(CLI_REDIRECT + "?code=");
    }

    /**
     * Member ids are identity's; the other modules name them to its directory (the network's profiles and
     * blocks, the delegation's people), which answers only the member of exactly the id asked for.
     */
    @Test
    void aMemberIdInAnotherSpellingIsNoMember() {
        Members.Member member = Members.create(baseUrl(), "spell");
        for (String other : IdSpellings.asSent(member.id())) {
            assertThat(directory.findById(other)).as(other).isEmpty();
        }
        assertThat(directory.findById(member.id()).map(MemberDirectory.MemberRef::id)).contains(member.id());
    }

    private Http.Response withSession(String path, String cookie) {
        Http fresh = new Http(baseUrl());
        return fresh.send(fresh.request(path, null).header("Cookie", "SESSION=" + cookie).GET().build());
    }

    private JsonNode register(Members.Member integrator, List<String> grantTypes) {
        Http.Response created = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Spelt app",
                "scopes", List.of("profile:read"), "grantTypes", grantTypes,
                "redirectUris", grantTypes.contains("authorization_code") ? List.of(REDIRECT) : List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String authorization(String clientId, String redirect, String verifier, String scopes) {
        return "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", clientId, "redirect_uri", redirect,
                "scope", scopes, "state", "st", "code_challenge", Members.challenge(verifier), "code_challenge_method", "S256"));
    }

    private static String code(Http browser, String clientId, String redirect, String verifier, String scopes) {
        String location = Members.authorize(browser, authorization(clientId, redirect, verifier, scopes), scopes);
        assertThat(location).startsWith(redirect + "?code=");
        String query = URI.create(location).getRawQuery();
        return java.net.URLDecoder.decode(query.substring("code=".length(), query.indexOf('&')), StandardCharsets.UTF_8);
    }

    private static String basic(String clientId, String secret) {
        return Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Each other spelling of {@code id} is answered as the same spelling of an id no client has: an unknown
     * client ({@code invalid_client}), or a client id Spring will not read (an accent is outside RFC 6749's
     * characters of a client id, appendix A.1: {@code invalid_request}); never the client's answer.
     */
    private static void answeredAsNoClient(String id, java.util.function.Function<String, Http.Response> request) {
        String nobody = id.substring(0, id.length() - 5) + "Qxvzk";
        List<String> spellings = IdSpellings.asSent(id);
        List<String> unknown = IdSpellings.asSent(nobody);
        assertThat(spellings).hasSameSizeAs(unknown);
        for (int i = 0; i < spellings.size(); i++) {
            Http.Response answer = request.apply(spellings.get(i));
            Http.Response stranger = request.apply(unknown.get(i));
            assertThat(answer.status()).as(spellings.get(i) + ": " + answer.body()).isEqualTo(stranger.status()).isIn(400, 401);
            assertThat(answer.body()).as(spellings.get(i)).isEqualTo(stranger.body()).doesNotContain("access_token");
        }
    }
}
