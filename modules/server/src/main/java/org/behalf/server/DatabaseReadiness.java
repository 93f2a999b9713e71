package org.behalf.server;

import java.sql.Connection;
import java.sql.SQLException;

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
 * <p>Named {@code dbHealthIndicator}, which stands Boot's own down.
 */
@Component("dbHealthIndicator")
class DatabaseReadiness extends AbstractHealthIndicator implements DisposableBean {

    /** How long a probe waits for its connection (another probe may be using it; a new one is opening). */
    static final long WAIT_MS = 1000;
    /** How long the database has to answer the probe's ping. */
    static final int VALID_WITHIN_SECONDS = 1;

    private final HikariDataSource probe;

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
            if (connection.isValid(VALID_WITHIN_SECONDS)) {
                builder.up();
            } else {
                builder.down();
            }
        }
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
