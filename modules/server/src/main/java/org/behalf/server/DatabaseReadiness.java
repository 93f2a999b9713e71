package org.behalf.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The readiness probe's database check ({@code db}), on a connection of its own: a node whose
 * request pool is all in use is busy, not down, and a load balancer must be able to tell the two
 * apart (docs/operations.md, "Running"; docs/security.md rule 41). Boot's check borrowed from the
 * request pool, queued behind the requests for the pool's wait (3 s) and then reported the
 * database down, so a load peak took every busy node out of rotation at once (black-box finding,
 * 2026-12-07). Here one connection, opened when first asked for, with the request pool's settings
 * (the same server, user and driver properties, its socket timeout included), and short waits: the
 * probe answers within about {@link #WAIT_MS} + {@link #VALID_WITHIN_SECONDS} s, UP while the
 * database answers, DOWN when it does not.
 *
 * <p>On a Galera node ({@code wsrep_on}) answering is not serving: a node cut off from the
 * cluster's majority, or one that has not yet rejoined it, answers the ping and refuses every
 * statement (error 1047), and the check said UP while it did, so the load balancer sent it a third
 * of the traffic for seconds (black-box finding, 2026-12-07). There the node is UP only while
 * {@code wsrep_ready} is {@code ON} and {@code wsrep_local_state_comment} is {@code Synced}, the
 * usual Galera health check (Galera Cluster's documentation, "Monitoring the Cluster"), read in one
 * statement. Whether the database is a Galera node is asked once (MySQL, MariaDB without Galera
 * and H2 keep the ping alone).
 *
 * <p>Named {@code dbHealthIndicator}, which stands Boot's own down.
 */
@Component("dbHealthIndicator")
class DatabaseReadiness extends AbstractHealthIndicator implements DisposableBean {

    /** How long a probe waits for its connection (another probe may be using it; a new one is opening). */
    static final long WAIT_MS = 1000;
    /** How long the database has to answer the probe's ping. */
    static final int VALID_WITHIN_SECONDS = 1;

    private final HikariDataSource probe;
    /** Whether the database is a Galera node; null until first asked on a connection. */
    private volatile Boolean galera;

    DatabaseReadiness(DataSource requestPool) throws SQLException {
        super("The database did not answer");
        HikariConfig config = new HikariConfig();
        requestPool.unwrap(HikariDataSource.class).copyStateTo(config);
        config.setPoolName("behalf-readiness");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(WAIT_MS);
        config.setValidationTimeout(WAIT_MS);
        // Not the request pool's meters or MBeans: its gauges count the requests' connections only.
        config.setMetricsTrackerFactory(null);
        config.setMetricRegistry(null);
        config.setHealthCheckRegistry(null);
        config.setRegisterMbeans(false);
        // Opened when first asked for: a node starts (and says why it is not ready) without its database.
        this.probe = new HikariDataSource();
        config.copyStateTo(probe);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws SQLException {
        try (Connection connection = probe.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) {
                builder.down();
                return;
            }
            if (galera == null) {
                galera = isGalera(connection);
            }
            if (!galera) {
                builder.up();
                return;
            }
            Map<String, String> status = new HashMap<>();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(VALID_WITHIN_SECONDS);
                try (ResultSet rows = statement.executeQuery(
                        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')")) {
                    while (rows.next()) {
                        status.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                    }
                }
            }
            String ready = status.get("wsrep_ready");
            String state = status.get("wsrep_local_state_comment");
            if (serves(ready, state)) {
                builder.up();
            } else {
                builder.down().withDetail("wsrep_ready", String.valueOf(ready)).withDetail("wsrep_local_state_comment", String.valueOf(state));
            }
        }
    }

    /** Whether a Galera node in this state serves statements: ready, and synced with its cluster. */
    static boolean serves(String wsrepReady, String localStateComment) {
        return "ON".equalsIgnoreCase(wsrepReady) && "Synced".equalsIgnoreCase(localStateComment);
    }

    /**
     * MySQL and MariaDB (Connector/J names both "MySQL") with {@code wsrep_on} set; H2 knows no
     * {@code SHOW VARIABLES}, and MySQL without Galera has no such variable.
     */
    private static boolean isGalera(Connection connection) throws SQLException {
        if (!"MySQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())
                && !"MariaDB".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(VALID_WITHIN_SECONDS);
            try (ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
                return rows.next() && "ON".equalsIgnoreCase(rows.getString(2));
            }
        }
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
