package org.behalf.identity.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.behalf.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * SECURITY-CASES 26: the database's collation agrees with the application on what makes two
 * handles or e-mails the same, also on a database created with the server's defaults (which
 * ignore case, and on MySQL 8 accents too), not only on the tests' binary schemas.
 */
class KeyCollationTest {

    @Test
    void memberKeysCompareByteForByteOnADatabaseWithTheServersDefaultCollation() throws SQLException {
        TestDatabase database = TestDatabase.createWithServerDefaults();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/identity").load().migrate();

        try (Connection connection = database.connect()) {
            insertMember(connection, "mbr_jose", "jose");
            // Another member whose keys differ only by case and accent: distinct to the application.
            insertMember(connection, "mbr_jose2", "JOSÉ");
            assertThat(idsWithHandleKey(connection, "jose")).isEqualTo("mbr_jose");
            assertThat(idsWithHandleKey(connection, "Jose")).isEmpty();
            assertThat(idsWithHandleKey(connection, "josé")).isEmpty();
        }
    }

    private static void insertMember(Connection connection, String id, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO identity_member (id, handle, handle_key, email, "
                + "email_key, display_name, password_hash, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'ACTIVE', NOW())")) {
            String email = name + "@example.test";
            String[] values = {id, name, name, email, email, name};
            for (int i = 0; i < values.length; i++) {
                insert.setString(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }

    private static String idsWithHandleKey(Connection connection, String key) throws SQLException {
        StringBuilder ids = new StringBuilder();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM identity_member WHERE handle_key = ? ORDER BY id")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.append(ids.isEmpty() ? "" : ",").append(rows.getString(1));
                }
            }
        }
        return ids.toString();
    }
}
