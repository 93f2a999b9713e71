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

    /**
     * docs/security.md rules 26 and 29: the count is kept on the address as the account is found by
     * it, so that a full-width spelling of the same address is no new address to flood. Black-box
     * finding, 2026-12-07: twelve reset mails reached one member within seconds.
     */
    @Test
    void everySpellingOfOneAddressCountsTowardsItsLimit() {
        Http http = new Http(baseUrl());
        String name = Members.unique("spell");
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/v1/password-resets", null, Map.of("email", name + "@example.test")).status()).isEqualTo(202);
        }
        String fullWidth = "\uff53" + name.substring(1) + "@example.test";
        for (String spelling : new String[] {fullWidth, name.toUpperCase(java.util.Locale.ROOT) + "@EXAMPLE.TEST",
                name + "@example.\uff54est"}) {
            Http.Response refused = http.post("/api/v1/password-resets", null, Map.of("email", spelling));
            assertThat(refused.status()).as(spelling).isEqualTo(429);
            assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        }
    }

    /**
     * A blank or missing address is told so, however many came before: it is not an address whose
     * limit could be reached. Black-box finding, 2026-12-07: after five, everyone sending a blank
     * address was told "Too many password resets asked for this address" for 15 minutes.
     */
    @Test
    void aBlankAddressIsToldSoEveryTime() {
        Http http = new Http(baseUrl());
        for (int i = 0; i < 7; i++) {
            Http.Response missing = http.post("/api/v1/password-resets", null, Map.of());
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().path("detail").asString()).isEqualTo("Type the e-mail address of your account.");
            Http.Response blank = http.post("/api/v1/password-resets", null, Map.of("email", "   "));
            assertThat(blank.status()).isEqualTo(400);
            assertThat(blank.json().path("detail").asString()).isEqualTo("Type the e-mail address of your account.");
        }
    }
}
