package org.behalf.delegation.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.behalf.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md rule 26: the record of undone entries ({@code delegation_revert}) takes two entry
 * ids as the same exactly when the activity log does, byte for byte (the audit's
 * {@code EntryIdCollationTest}), also on a database created with the server's defaults: its primary
 * key is what lets an entry be undone once, so it must neither miss a spelling the log finds nor
 * merge two entries whose ids differ only in case.
 */
class RevertedEntryIdCollationTest {

    @Test
    void undoneEntryIdsCompareByteForByteOnADatabaseWithTheServersDefaultCollation() throws SQLException {
        TestDatabase database = TestDatabase.createWithServerDefaults();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/delegation").load().migrate();

        // Each insert succeeds only if no entry counted as the same was undone before.
        String undo = "INSERT INTO delegation_revert (account_id, entry_id, reverted_at) VALUES ('mbr_h', ?, NOW())";
        database.update(undo, "act_eXlbRmr0iks6od1n6XDp4A");
        database.update(undo, "act_EXLBRMR0IKS6OD1N6XDP4A");
        database.update(undo, "act_\u00e9XlbRmr0iks6od1n6XDp4A");
        assertThat(database.strings("SELECT COUNT(*) FROM delegation_revert WHERE account_id = 'mbr_h' "
                + "AND entry_id = 'act_exlbrmr0iks6od1n6xdp4a'")).containsExactly("0");
    }
}
