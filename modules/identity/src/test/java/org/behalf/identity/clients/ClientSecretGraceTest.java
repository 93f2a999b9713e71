package org.behalf.identity.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new app secret (issue 18): the old one keeps working for the grace period the answer names, so
 * the app has no outage; a rotation "because it leaked" (graceHours=0) ends the old one at once; a
 * secret two rotations old never works again, and someone else's app cannot be rotated.
 */
class ClientSecretGraceTest extends IdentitySlice {

    @Test
    void theOldSecretWorksThroughItsGraceAndALeakedOneStopsAtOnce() {
        Http http = new Http(baseUrl());
        Members.Member integrator = Members.create(baseUrl(), "grace");
        JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Grace app",
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String id = app.path("clientId").asString();
        String first = app.path("clientSecret").asString();

        Http.Response rotated = http.post("/api/v1/clients/" + id + "/secret", integrator.accessToken(), null);
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().path("clientSecret").asString();
        java.time.Instant until = java.time.Instant.parse(rotated.json().path("previousSecretExpiresAt").asString());
        assertThat(until).isBetween(java.time.Instant.now().plusSeconds(23 * 3600), java.time.Instant.now().plusSeconds(24 * 3600 + 60));
        assertThat(tokenStatus(http, id, first)).as("the old secret, in its grace").isEqualTo(200);
        assertThat(tokenStatus(http, id, second)).isEqualTo(200);
        assertThat(http.get("/api/v1/clients/" + id, integrator.accessToken()).json().path("previousSecretExpiresAt").asString())
                .isEqualTo(rotated.json().path("previousSecretExpiresAt").asString());

        Http.Response leaked = http.post("/api/v1/clients/" + id + "/secret?graceHours=0", integrator.accessToken(), null);
        String third = leaked.json().path("clientSecret").asString();
        assertThat(leaked.json().path("previousSecretExpiresAt").isNull()).isTrue();
        assertThat(tokenStatus(http, id, second)).as("rotated because it leaked").isEqualTo(401);
        assertThat(tokenStatus(http, id, first)).as("two rotations old").isEqualTo(401);
        assertThat(tokenStatus(http, id, third)).isEqualTo(200);

        Http.Response tooLong = http.post("/api/v1/clients/" + id + "/secret?graceHours=720", integrator.accessToken(), null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tokenStatus(http, id, third)).as("a refused rotation changes nothing").isEqualTo(200);

        Members.Member stranger = Members.create(baseUrl(), "grace2");
        assertThat(http.post("/api/v1/clients/" + id + "/secret", stranger.accessToken(), null).status()).isEqualTo(404);
        assertThat(tokenStatus(http, id, third)).isEqualTo(200);
    }

    private static int tokenStatus(Http http, String clientId, String secret) {
        return http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials", "scope", "profile:read"),
                Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8))).status();
    }
}
