package org.behalf.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * A Keycloak 26 realm set up through its admin REST API for the peer benchmark: a confidential
 * client that may use client credentials, the password grant (to get a user's token the simple way)
 * and Keycloak's standard token exchange (v2, the {@code standard.token.exchange.enabled} client
 * attribute), with an audience mapper naming itself, since v2 exchanges only tokens whose audience
 * holds the requesting client; and one user. Tokens live an hour so that no run outlives them.
 */
final class Keycloak {

    static final String REALM = "bench";
    static final String CLIENT = "bench-client";
    static final String SECRET = "bench-client-secret";
    private static final String USER = "bench-user";
    private static final String PASSWORD = "bench-user-password";

    private final Http http;
    private final String realmPath = "/realms/" + REALM + "/protocol/openid-connect";

    private Keycloak(String baseUrl) {
        this.http = new Http(baseUrl);
    }

    /** Creates the realm afresh (dropping one left by an earlier run) with the bootstrap admin's credentials. */
    static Keycloak configure(String baseUrl, String adminUser, String adminPassword) {
        Keycloak keycloak = new Keycloak(baseUrl);
        Http http = keycloak.http;
        Http.Response admin = http.form("/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", adminUser, "password", adminPassword));
        String token = expect(admin, 200, "admin sign-in").json().path("access_token").asString();
        http.delete("/admin/realms/" + REALM, token);
        expect(http.post("/admin/realms", token, Map.of("realm", REALM, "enabled", true, "accessTokenLifespan", 3600,
                "ssoSessionIdleTimeout", 7200, "ssoSessionMaxLifespan", 36000)), 201, "realm");
        expect(http.post("/admin/realms/" + REALM + "/clients", token, Map.of(
                "clientId", CLIENT, "secret", SECRET, "publicClient", false, "standardFlowEnabled", false,
                "serviceAccountsEnabled", true, "directAccessGrantsEnabled", true,
                "attributes", Map.of("standard.token.exchange.enabled", "true"),
                "protocolMappers", List.of(Map.of("name", "audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", CLIENT,
                                "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true"))))),
                201, "client");
        expect(http.post("/admin/realms/" + REALM + "/users", token, Map.of("username", USER, "enabled", true,
                "email", USER + "@example.org", "emailVerified", true, "firstName", "Bench", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))), 201, "user");
        return keycloak;
    }

    String basic() {
        return Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    String tokenPath() {
        return realmPath + "/token";
    }

    String introspectionPath() {
        return realmPath + "/token/introspect";
    }

    String userinfoPath() {
        return realmPath + "/userinfo";
    }

    String jwksPath() {
        return realmPath + "/certs";
    }

    /** A client-credentials access token of the bench client. */
    String clientToken() {
        return expect(http.form(tokenPath(), Map.of("grant_type", "client_credentials"), basic()), 200, "client credentials")
                .json().path("access_token").asString();
    }

    /** The user's access token (scope openid, so that userinfo answers), through the password grant. */
    String userToken() {
        return expect(http.form(tokenPath(), Map.of("grant_type", "password", "username", USER, "password", PASSWORD,
                "scope", "openid"), basic()), 200, "user sign-in").json().path("access_token").asString();
    }

    /** Checks once that each benchmarked call answers as it should, not merely 200. */
    void check() {
        String user = userToken();
        JsonNode introspected = expect(http.form(introspectionPath(), Map.of("token", clientToken()), basic()), 200,
                "introspection").json();
        if (!introspected.path("active").asBoolean()) {
            throw new IllegalStateException("Keycloak introspection says inactive: " + introspected);
        }
        expect(http.get(userinfoPath(), user), 200, "userinfo");
        expect(http.form(tokenPath(), exchangeForm(user), basic()), 200, "token exchange");
        expect(http.get(jwksPath(), null), 200, "JWKS");
    }

    /** Keycloak's standard token exchange (v2): the user's token for one of the requesting client. */
    static Map<String, String> exchangeForm(String subjectToken) {
        return Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", subjectToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
    }

    private static Http.Response expect(Http.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException("Keycloak " + what + ": " + response);
        }
        return response;
    }
}
