package org.behalf.identity.signin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.behalf.kernel.DatabaseConflicts;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters per key over a fixed window, in the database so that every node sees the same counts
 * (SECURITY-CASES 29): failed sign-ins per account and per address, sign-ups per address.
 *
 * <p>Every sign-in from one address changes that address's row, and on a Galera cluster two nodes
 * changing it at once is a certification conflict (MariaDB 1213, docs/operations.md, "Certification
 * conflicts"): the loser's statement, alone in its transaction, changed nothing. So each statement is
 * run again a few times before the conflict reaches the sign-in as a 503 (seen: one sign-in in a
 * 10-minute soak through three nodes, every worker signing in from 127.0.0.1).
 */
@Component
public class WindowCounts {

    /** A key's count in its current window, and when that window started. */
    public record Count(int count, Instant windowStart) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    WindowCounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Adds one; a window older than {@code window} restarts at one. Answers the count after this one.
     *
     * <p>The count is read by a second statement, and a {@link #reset} in between (another sign-in to the
     * same account succeeding) leaves no row to read: that success cleared the count this attempt was
     * added to, so the attempt is counted again on the fresh row. Reading the first row of none threw,
     * and the sign-in form was answered 500 with a stack trace in the log (black-box finding, round 9:
     * parallel sign-ins to one account while the connection pool was busy, which widens the gap).
     */
    public Count increment(String key, Duration window) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Timestamp expired = Timestamp.from(now.minus(window));
            // One statement, atomic per row.
            update("INSERT INTO identity_signin_throttle (throttle_key, failures, window_start) VALUES (?, 1, ?) "
                            + "ON DUPLICATE KEY UPDATE failures = CASE WHEN window_start < ? THEN 1 ELSE failures + 1 END, "
                            + "window_start = CASE WHEN window_start < ? THEN ? ELSE window_start END",
                    bounded(key), Timestamp.from(now), expired, expired, Timestamp.from(now));
            List<Count> counted = jdbc.query("SELECT failures, window_start FROM identity_signin_throttle WHERE throttle_key = ?",
                    (rs, n) -> new Count(rs.getInt(1), rs.getTimestamp(2).toInstant()), bounded(key));
            if (!counted.isEmpty()) {
                return counted.get(0);
            }
            if (attempt == 3) {
                // Reset each time it was counted: successes keep clearing it, so this attempt is the first of a window.
                return new Count(1, now);
            }
        }
    }

    /** The count within the window, 0 if none. */
    public int current(String key, Duration window) {
        Instant since = clock.instant().minus(window);
        return jdbc.query("SELECT failures FROM identity_signin_throttle WHERE throttle_key = ? AND window_start > ?",
                (rs, n) -> rs.getInt(1), bounded(key), Timestamp.from(since)).stream().findFirst().orElse(0);
    }

    /** Takes one back (never below zero). */
    public void decrement(String key) {
        update("UPDATE identity_signin_throttle SET failures = GREATEST(failures - 1, 0) WHERE throttle_key = ?", bounded(key));
    }

    public void reset(String key) {
        update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", bounded(key));
    }

    /**
     * One statement, run again after a lost deadlock or certification conflict (1213), at most 3
     * times, when it is alone in its transaction. Inside a caller's transaction the conflict has
     * rolled back all of it, so it goes up to whoever can run the whole again.
     */
    private void update(String sql, Object... args) {
        boolean alone = !TransactionSynchronizationManager.isActualTransactionActive();
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.update(sql, args);
                return;
            } catch (PessimisticLockingFailureException e) {
                if (!alone || attempt == 3 || !DatabaseConflicts.isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static String bounded(String key) {
        return key.length() > 100 ? key.substring(0, 100) : key;
    }
}
