package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On a MySQL server that other databases share, a metadata lookup that names no database sees the
 * application's own tables only (config/application-mysql.yml, {@code nullDatabaseMeansCurrent}).
 * Spring Authorization Server's JDBC store reads the type of its {@code attributes} column that way
 * at start-up; seeing another database's table of the same name, one being dropped at that moment,
 * failed a node's start with "Table ... doesn't exist" on the machine the tests share.
 */
class MetadataLookupTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aLookupWithoutADatabaseNameSeesOnlyTheApplicationsOwnTable() throws Exception {
        TestDatabase other = TestDatabase.create();
        try (Connection connection = other.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE oauth2_authorization (id VARCHAR(100) PRIMARY KEY, attributes VARCHAR(10))");
        }

        List<String> seen = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> columns = new ArrayList<>();
            try (ResultSet found = connection.getMetaData().getColumns(null, null, "oauth2_authorization", "attributes")) {
                while (found.next()) {
                    columns.add(found.getString("TABLE_CAT") + "." + found.getString("TYPE_NAME"));
                }
            }
            return columns;
        });

        assertThat(seen).containsExactly(TestDatabase.shared().schema() + ".BLOB");
    }
}
