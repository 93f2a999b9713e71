package org.behalf.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;

/**
 * Password reset by e-mail (issue 18): requests past the limit get 429 with Retry-After. The code by
 * mail, read from a real SMTP server, and its activity entry are tested in {@code modules/server}
 * ({@code org.behalf.server.identity.PasswordResetTest}).
 */
class PasswordResetTest extends IdentitySlice {

    /** docs/security.md rules 29 and 37: every request counts; past five for one address in 15 minutes, 429. */
    @Test
    void requestsPastTheLimitForOneAddressGet429WithRetryAfter() {
        Http http = new Http(baseUrl());
        String email = Members.unique("flood") + "@example.test";
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/v1/password-resets", null, Map.of("email", email)).status()).isEqualTo(202);
        }
        Http.Response refused = http.post("/api/v1/password-resets", null, Map.of("email", email));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(refused.json().path("detail").asString()).contains("Too many password resets");
    }
}
