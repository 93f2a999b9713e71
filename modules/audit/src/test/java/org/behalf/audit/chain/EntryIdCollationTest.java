package org.behalf.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.behalf.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md rule 26: the database's collation agrees with the application on what makes two
 * activity entry ids the same (one string, DESIGN.md section 3), also on a database created with the
 * server's defaults, which ignore case and accents, not only on the tests' binary schemas (black-box
 * finding, 2026-12-07: "ACT_…" found the entry "act_…", and became the "reverts" of the undo's answer
 * and the target of its entry). Trailing spaces, which every MySQL binary collation pads, are the
 * application's ({@code JdbcActivityLog.entry}; over HTTP in the server's {@code DelegationTest}).
 */
class EntryIdCollationTest {

    private static final String ID = "act_eXlbRmr0iks6od1n6XDp4A";

    @Test
    void entryIdsCompareByteForByteOnADatabaseWithTheServersDefaultCollation() throws SQLException {
        TestDatabase database = TestDatabase.createWithServerDefaults();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/audit").load().migrate();

        database.update("INSERT INTO audit_entry (account_id, seq, id, occurred_at, actor_kind, action, outcome, hash, entry) "
                + "VALUES ('mbr_h', 1, ?, NOW(), 'DELEGATE', 'profile.update', 'SUCCESS', REPEAT('0', 64), '{}')", ID);
        String withId = "SELECT id FROM audit_entry WHERE account_id = 'mbr_h' AND id = ?";
        assertThat(database.strings(withId, ID)).containsExactly(ID);
        assertThat(database.strings(withId, "act_exlbrmr0iks6od1n6xdp4a")).isEmpty();
        assertThat(database.strings(withId, "ACT_EXLBRMR0IKS6OD1N6XDP4A")).isEmpty();
        assertThat(database.strings(withId, "act_\u00e9XlbRmr0iks6od1n6XDp4A")).isEmpty();
    }

}
