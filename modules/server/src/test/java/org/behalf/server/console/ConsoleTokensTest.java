package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.behalf.identity.api.ConsoleClient;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the console's tokens live (docs/console.md, "How the console works"): in the member's
 * browser session on the server, never in the browser; the session row holds the tokens but not
 * the console's client secret (Spring Security's own session store would put the whole client
 * registration there); signing out revokes them (RFC 7009), so a token copied from the session
 * table stops working with it.
 */
class ConsoleTokensTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ConsoleClient console;

    @Test
    void theConsolesTokensStayInTheSessionWithoutItsSecretAndSigningOutRevokesThem() {
        Members.Member member = Members.create(baseUrl(), "tokens");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(member.handle(), member.password()).open("/console/profile");
            assertThat(browser.path()).isEqualTo("/console/profile");
            assertThat(browser.source()).doesNotContain("eyJ");

            String held = consoleSession(member.id());
            assertThat(held).as("the console's client secret").doesNotContain(console.secret());
            String token = accessToken(held);
            Http api = new Http(baseUrl());
            assertThat(api.get("/api/v1/profile", token).json().path("id").asString()).isEqualTo(member.id());

            browser.submit("#sign-out");
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(api.get("/api/v1/profile", token).status()).as("revoked when the member signed out").isEqualTo(401);
        }
    }

    /**
     * The JWT in it, the member's access token: a serialized string is two length bytes and then
     * the string, followed by whatever comes next (often a letter), so the length says where it ends.
     */
    private static String accessToken(String held) {
        for (int start = held.indexOf("eyJ"); start >= 2; start = held.indexOf("eyJ", start + 1)) {
            int end = start + ((held.charAt(start - 2) << 8) | held.charAt(start - 1));
            if (end <= held.length() && held.substring(start, end).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+")) {
                return held.substring(start, end);
            }
        }
        throw new AssertionError("no access token held for the console");
    }

    /** What the console keeps in the member's browser session, as stored (Java serialization, strings readable). */
    private String consoleSession(String memberId) {
        List<byte[]> rows = jdbc.query("SELECT a.ATTRIBUTE_BYTES FROM identity_session s JOIN identity_session_ATTRIBUTES a"
                + " ON a.SESSION_PRIMARY_ID = s.PRIMARY_ID WHERE s.PRINCIPAL_NAME = ? AND a.ATTRIBUTE_NAME LIKE ?",
                (row, n) -> row.getBytes(1), memberId, "org.behalf.console.session.ConsoleSession%");
        assertThat(rows).hasSize(1);
        return new String(rows.get(0), StandardCharsets.ISO_8859_1);
    }
}
