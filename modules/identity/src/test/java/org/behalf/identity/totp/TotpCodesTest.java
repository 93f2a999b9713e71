package org.behalf.identity.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The test vectors of RFC 6238 appendix B (SHA-1), cut to the 6 digits apps show. */
class TotpCodesTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfcVectors() {
        assertThat(TotpCodes.code(SECRET, TotpCodes.step(59))).isEqualTo("287082");
        assertThat(TotpCodes.code(SECRET, TotpCodes.step(1111111109))).isEqualTo("081804");
        assertThat(TotpCodes.code(SECRET, TotpCodes.step(1234567890))).isEqualTo("005924");
        assertThat(TotpCodes.code(SECRET, TotpCodes.step(2000000000))).isEqualTo("279037");
    }

    @Test
    void base32IsWhatAuthenticatorAppsRead() {
        assertThat(TotpCodes.base32(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
