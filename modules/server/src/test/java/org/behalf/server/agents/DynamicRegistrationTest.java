package org.behalf.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RFC 7591 dynamic client registration for MCP clients (docs/security.md rule 43; docs/agents.md):
 * open, but only public PKCE clients with loopback or https redirect URIs and {@code delegation:act},
 * each registration recorded with its address, and limited per address.
 */
class DynamicRegistrationTest extends ServerTest {

    private static final String REDIRECT = "http://127.0.0.1:45999/callback";
    private static final List<String> KEYS = List.of("register:127.0.0.1", "register:0:0:0:0:0:0:0:1");

    @Autowired
    private JdbcTemplate jdbc;
    private Http http;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
    }

    @Test
    void aPublicClientIsRegisteredForDelegationActAndRecorded() {
        Http.Response registered = register(Map.of("client_name", "Desk assistant", "redirect_uris", List.of(REDIRECT)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String clientId = registered.json().path("client_id").asString();
        assertThat(clientId).startsWith("dyn_");
        assertThat(registered.json().has("client_secret")).isFalse();
        assertThat(registered.json().path("token_endpoint_auth_method").asString()).isEqualTo("none");
        // delegation:act and every delegable scope (what a delegation token it exchanges may carry), never the others.
        List<String> scopes = List.of(registered.json().path("scope").asString().split(" "));
        assertThat(scopes).contains("delegation:act", "profile:read", "profile:write", "messages:send")
                .doesNotContain("account:manage", "delegation:manage", "clients:manage", "openid");
        assertThat(registered.json().path("grant_types").toString()).contains("authorization_code")
                .contains("urn:ietf:params:oauth:grant-type:token-exchange");
        Map<String, Object> recorded = jdbc.queryForMap("SELECT client_name, address, user_agent FROM identity_dynamic_client "
                + "WHERE client_id = ?", clientId);
        assertThat(recorded.get("client_name")).isEqualTo("Desk assistant");
        assertThat(String.valueOf(recorded.get("address"))).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void confidentialClientsOtherRedirectsAndAccountScopesAreRefusedAndNothingIsRegistered() {
        int before = count();
        assertRefused(register(Map.of("redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "client_secret_basic")),
                "invalid_client_metadata");
        assertRefused(register(Map.of("redirect_uris", List.of("http://assistant.example/callback"))), "invalid_redirect_uri");
        assertRefused(register(Map.of("redirect_uris", List.of("https://assistant.example/cb#frag"))), "invalid_redirect_uri");
        assertRefused(register(Map.of("redirect_uris", List.of())), "invalid_request");
        // A never-delegable scope (DESIGN.md section 4).
        assertRefused(register(Map.of("redirect_uris", List.of(REDIRECT), "scope", "delegation:act account:manage")),
                "invalid_client_metadata");
        assertRefused(register(Map.of("redirect_uris", List.of(REDIRECT), "grant_types", List.of("client_credentials"))),
                "invalid_client_metadata");
        assertThat(count()).isEqualTo(before);
    }

    /**
     * RFC 7591 section 3.2.2 (docs/security.md rule 39): a body that is not client metadata is refused
     * in plain words, where the answer quoted the parser and the JVM ("Cannot invoke
     * \"java.util.Map.get(Object)\" because \"parsedClaims\" is null"; black-box finding).
     */
    @Test
    void aBodyThatIsNotClientMetadataIsRefusedInPlainWords() {
        int before = count();
        for (String body : List.of("null", "[]", "\"x\"", "5", "{", "", "{\"redirect_uris\":5}", "{\"redirect_uris\":[5]}",
                "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"grant_types\":{}}")) {
            Http.Response refused = http.send(http.request("/oauth2/register", null).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(refused.status()).as(body + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(body).isIn("invalid_request", "invalid_client_metadata", "invalid_redirect_uri");
            assertThat(refused.json().path("error_description").asString()).as(body).isNotEmpty()
                    .doesNotContain("java", "Cannot", "null", "JSON parse", "JsonToken", "LinkedHashMap", "Invalid Client Registration",
                            "OAuth 2.0 Client Registration Error", "Exception");
        }
        assertThat(count()).isEqualTo(before);
    }

    /**
     * Redirect URIs longer in all than the store keeps are RFC 7591's invalid_redirect_uri saying how
     * long they may be, and an http jwks_uri is invalid_client_metadata saying it must be https, where
     * both answers said the body was not one JSON object (black-box finding F1, 2026-12-07).
     */
    @Test
    void longRedirectUrisAndAnHttpJwksUriAreRefusedAsWhatTheyAre() {
        int before = count();
        for (List<String> redirects : List.of(List.of("https://assistant.example/" + "a".repeat(1000)),
                java.util.stream.IntStream.range(0, 3).mapToObj(i -> "https://assistant.example/" + i + "x".repeat(400)).toList())) {
            Http.Response refused = register(Map.of("redirect_uris", redirects));
            assertRefused(refused, "invalid_redirect_uri");
            assertThat(refused.json().path("error_description").asString()).contains("at most 1000 characters");
        }
        Http.Response jwks = register(Map.of("redirect_uris", List.of(REDIRECT), "jwks_uri", "http://169.254.169.254/"));
        assertRefused(jwks, "invalid_client_metadata");
        assertThat(jwks.json().path("error_description").asString()).isEqualTo("jwks_uri is an https URL.");
        assertThat(count()).isEqualTo(before);
    }

    /**
     * RFC 7591 section 5: a self-registered client's name is its own claim. The product's name, in any
     * spelling, is refused, and the consent page says the app registered itself and Behalf has not
     * reviewed it (black-box finding F3, 2026-12-07: "Behalf Console" was registered by anyone and
     * shown as is to a person asked for their messages).
     */
    @Test
    void aSelfRegisteredClientCannotCallItselfBehalfAndTheConsentPageSaysItRegisteredItself() {
        int before = count();
        for (String name : List.of("Behalf Console", "\uff22\uff45\uff48\uff41\uff4c\uff46 Console", "Behalf\u200bConsole")) {
            Http.Response refused = register(Map.of("client_name", name, "redirect_uris", List.of(REDIRECT)));
            assertRefused(refused, "invalid_client_metadata");
            assertThat(refused.json().path("error_description").asString()).contains("Behalf, the product's own name");
        }
        assertThat(count()).isEqualTo(before);

        String clientId = register(Map.of("client_name", "Desk helper", "redirect_uris", List.of(REDIRECT),
                "scope", "messages:read")).json().path("client_id").asString();
        Members.Member member = Members.create(baseUrl(), "selfreg");
        Http browser = Members.browser(baseUrl(), member.handle(), member.password());
        String consent = browser.get("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
                "client_id", clientId, "redirect_uri", REDIRECT, "scope", "messages:read", "state", "st",
                "code_challenge", Members.challenge("c".repeat(43)), "code_challenge_method", "S256")), null)
                .header("Location");
        Http.Response page = browser.get(consent, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("Desk helper", "id=\"self-registered\"", "This app registered itself")
                .doesNotContain("id=\"made-by\"");
    }

    /**
     * A client that names delegable scopes is registered with those (and delegation:act), not with
     * every delegable scope: what it asked (RFC 7591 section 2; black-box finding). One that names
     * delegation:act alone still gets them all: see docs/agents.md for why.
     */
    @Test
    void aClientThatNamesDelegableScopesIsRegisteredWithThoseOnly() {
        Http.Response registered = register(Map.of("redirect_uris", List.of(REDIRECT), "scope", "delegation:act profile:read"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(List.of(registered.json().path("scope").asString().split(" "))).containsExactlyInAnyOrder("delegation:act", "profile:read");
    }

    @Test
    void registrationsPastTheLimitOfAnAddressAreRefusedWith429() {
        Timestamp now = Timestamp.from(Instant.now());
        try {
            // This machine's registrations counted up to the suite's limit (1,000,000) in the current window.
            for (String key : KEYS) {
                jdbc.update("INSERT INTO identity_signin_throttle (throttle_key, failures, window_start) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE failures = ?, window_start = ?", key, 1_000_000, now, 1_000_000, now);
            }
            int before = count();
            Http.Response refused = register(Map.of("redirect_uris", List.of(REDIRECT)));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
            // RFC 7591's error form and not cached, as every other answer of the endpoint (black-box finding F12).
            assertThat(refused.header("Cache-Control")).contains("no-store");
            assertThat(refused.header("Pragma")).isEqualTo("no-cache");
            assertThat(refused.json().path("error").asString()).isEqualTo("temporarily_unavailable");
            assertThat(refused.json().path("error_description").asString()).contains("Too many client registrations");
            assertThat(count()).isEqualTo(before);
        } finally {
            KEYS.forEach(key -> jdbc.update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", key));
        }
    }

    /**
     * A refused registration gives its attempt back: ten refused first tries locked an address out for
     * an hour with nothing registered (black-box finding F12, 2026-12-07). With one registration left
     * in the window, three refused ones and then a good one: the good one is registered.
     */
    @Test
    void refusedRegistrationsDoNotUseUpTheAddresssLimit() {
        Timestamp now = Timestamp.from(Instant.now());
        try {
            for (String key : KEYS) {
                jdbc.update("INSERT INTO identity_signin_throttle (throttle_key, failures, window_start) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE failures = ?, window_start = ?", key, 999_999, now, 999_999, now);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(register(Map.of("redirect_uris", "nope")).status()).isEqualTo(400);
            }
            Http.Response registered = register(Map.of("redirect_uris", List.of(REDIRECT)));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(register(Map.of("redirect_uris", List.of(REDIRECT))).status()).as("the limit still holds").isEqualTo(429);
        } finally {
            KEYS.forEach(key -> jdbc.update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", key));
        }
    }

    /**
     * RFC 7591 sections 2 and 2.1: metadata that contradicts itself is invalid_client_metadata in words,
     * where a client that could never get a first token, or with both jwks and jwks_uri, was registered
     * (black-box finding F10, 2026-12-07).
     */
    @Test
    void contradictoryMetadataIsRefused() {
        int before = count();
        for (Map<String, Object> metadata : List.<Map<String, Object>>of(
                Map.of("redirect_uris", List.of(REDIRECT), "grant_types", List.of("refresh_token")),
                Map.of("redirect_uris", List.of(REDIRECT), "grant_types", List.of("urn:ietf:params:oauth:grant-type:token-exchange")),
                Map.of("redirect_uris", List.of("https://assistant.example/cb"), "jwks", Map.of("keys", List.of()),
                        "jwks_uri", "https://assistant.example/jwks"))) {
            Http.Response refused = register(metadata);
            assertRefused(refused, "invalid_client_metadata");
            assertThat(refused.json().path("error_description").asString()).as(metadata.toString()).containsAnyOf("authorization_code", "not both");
        }
        assertThat(count()).isEqualTo(before);
    }

    private Http.Response register(Map<String, Object> metadata) {
        return http.post("/oauth2/register", null, metadata);
    }

    private int count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM identity_dynamic_client", Integer.class);
    }

    private static void assertRefused(Http.Response answer, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().path("error").asString()).isEqualTo(error);
    }
}
