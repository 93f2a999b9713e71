package org.behalf.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.SignedIntrospection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Client-credentials tokens issued at the same moment have their rows written together
 * ({@link HashedAuthorizationService}): every caller still gets a token of its own that
 * introspection knows, and each stays revocable alone.
 */
class ConcurrentClientTokensTest extends IdentitySlice {

    @Test
    void tokensIssuedAtOnceAreEachStoredAndEachRevocableAlone() throws Exception {
        Http http = new Http(baseUrl());
        Http.Response created = http.post("/api/v1/clients", Members.create(baseUrl(), "cct").accessToken(), Map.of("name", "Busy app",
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String basic = SignedIntrospection.basic(created.json());

        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 96; i++) {
                answers.add(callers.submit(() -> http.form("/oauth2/token",
                        Members.ordered("grant_type", "client_credentials", "scope", "profile:read"), basic)));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                tokens.add(response.json().path("access_token").asString());
            }
            assertThat(new HashSet<>(tokens)).hasSize(96);
            for (String token : tokens) {
                assertThat(active(http, basic, token)).as("introspection of a token issued at once with others").isTrue();
            }

            assertThat(http.form("/oauth2/revoke", Members.ordered("token", tokens.get(0)), basic).status()).isEqualTo(200);
            assertThat(active(http, basic, tokens.get(0))).isFalse();
            assertThat(active(http, basic, tokens.get(1))).isTrue();
        } finally {
            callers.shutdownNow();
        }
    }

    private static boolean active(Http http, String basic, String token) {
        Http.Response answer = http.form("/oauth2/introspect", Members.ordered("token", token), basic);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        return json.path("active").asBoolean();
    }
}
