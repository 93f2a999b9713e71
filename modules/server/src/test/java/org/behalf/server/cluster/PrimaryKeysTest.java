package org.behalf.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.behalf.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Galera replicates row changes by primary key and refuses (or silently mishandles) tables without
 * one (docs/operations.md, "Running on a cluster"): every table the migrations create has one.
 */
class PrimaryKeysTest extends ServerTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyTableHasAPrimaryKey() {
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_type = 'BASE TABLE'", String.class);
        List<String> withoutKey = jdbc.queryForList("SELECT t.table_name FROM information_schema.tables t "
                + "WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND NOT EXISTS ("
                + "SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema "
                + "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')", String.class);

        assertThat(tables).contains("audit_entry", "flyway_schema_history", "identity_session");
        assertThat(withoutKey).isEmpty();
    }
}
