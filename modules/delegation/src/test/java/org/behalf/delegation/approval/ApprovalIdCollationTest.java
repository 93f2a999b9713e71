package org.behalf.delegation.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.behalf.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md rule 26: the database's collation agrees with the application on what makes two
 * approval ids the same (one string, DESIGN.md section 3), also on a database created with the
 * server's defaults, which ignore case and accents, not only on the tests' binary schemas (black-box
 * follow-up, 2026-12-07: "APR_…" found the held change "apr_…" to approve or reject). Trailing spaces,
 * which every MySQL binary collation pads, are the application's ({@code ApprovalRepository}; over
 * HTTP in {@code ApprovalTest}).
 */
class ApprovalIdCollationTest {

    private static final String ID = "apr_eXlbRmr0iks6od1n6XDp4A";

    @Test
    void approvalIdsCompareByteForByteOnADatabaseWithTheServersDefaultCollation() throws SQLException {
        TestDatabase database = TestDatabase.createWithServerDefaults();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/delegation").load().migrate();

        database.update("INSERT INTO delegation_approval (id, holder_id, grant_id, delegate_id, action, scope, method, path, status, "
                + "created_at) VALUES (?, 'mbr_h', 'grt_g', 'mbr_d', 'profile.update', 'profile:write', 'PATCH', '/api/v1/profile', "
                + "'pending', NOW())", ID);
        String withId = "SELECT id FROM delegation_approval WHERE id = ?";
        assertThat(database.strings(withId, ID)).containsExactly(ID);
        assertThat(database.strings(withId, "apr_exlbrmr0iks6od1n6xdp4a")).isEmpty();
        assertThat(database.strings(withId, "APR_EXLBRMR0IKS6OD1N6XDP4A")).isEmpty();
        assertThat(database.strings(withId, "apr_\u00e9XlbRmr0iks6od1n6XDp4A")).isEmpty();
    }

}
