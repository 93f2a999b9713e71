package org.behalf.delegation.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.behalf.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md rule 26: the database's collation agrees with the application on what makes two
 * grant ids the same (one string, DESIGN.md section 3), also on a database created with the server's
 * defaults, which ignore case and accents, not only on the tests' binary schemas (black-box finding,
 * 2026-12-07: "grt_exlb…" and "grt_éXlb…" found the grant "grt_eXlb…" and named it so in the token and
 * the holder's log). Trailing spaces, which every MySQL binary collation pads, are the application's
 * ({@code GrantRepository}; over HTTP in {@code GrantLifecycleTest} and the server's {@code DelegationTest}).
 */
class GrantIdCollationTest {

    private static final String ID = "grt_eXlbRmr0iks6od1n6XDp4A";

    @Test
    void grantIdsCompareByteForByteOnADatabaseWithTheServersDefaultCollation() throws SQLException {
        TestDatabase database = TestDatabase.createWithServerDefaults();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/delegation").load().migrate();

        database.update("INSERT INTO delegation_grant (id, holder_id, invited, status, scopes, review_scopes, time_zone, created_at, "
                + "expires_at) VALUES (?, 'mbr_h', 'helper', 'ACTIVE', 'profile:read', '', 'UTC', NOW(), NOW())", ID);
        String withId = "SELECT id FROM delegation_grant WHERE id = ?";
        assertThat(database.strings(withId, ID)).containsExactly(ID);
        assertThat(database.strings(withId, "grt_exlbrmr0iks6od1n6xdp4a")).isEmpty();
        assertThat(database.strings(withId, "GRT_EXLBRMR0IKS6OD1N6XDP4A")).isEmpty();
        assertThat(database.strings(withId, "grt_\u00e9XlbRmr0iks6od1n6XDp4A")).isEmpty();

        // The other tables that name a grant compare its id the same way.
        for (String table : List.of("delegation_quota_usage", "delegation_approval")) {
            assertThat(database.strings("SELECT collation_name FROM information_schema.columns WHERE table_schema = ? "
                    + "AND table_name = ? AND column_name = 'grant_id'", database.schema(), table)).as(table).containsExactly("utf8mb4_bin");
        }
    }

}
