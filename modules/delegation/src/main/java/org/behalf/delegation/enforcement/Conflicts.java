package org.behalf.delegation.enforcement;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * How a request that met a conflicting change is run again (issue 20 item 4; docs/operations.md,
 * "Certification conflicts"): an InnoDB deadlock, or a Galera certification conflict, which MariaDB
 * reports as the same error (1213, SQLState 40001; {@code GaleraConflictTest}), rolls the whole
 * transaction back, so running the request again from its first statement is safe and, for two
 * appends to one account's chain, is what keeps it linear without the client's help. At most
 * {@value #MAX_ATTEMPTS} attempts, each after a random pause of up to 25, 50, 100, 200 ms, so that
 * the writers that collided do not collide again in step: at most 375 ms of pauses per request.
 * Past the bound the answer is 503 with {@code Retry-After}. (Four attempts left one of 48
 * concurrent appends to one account through three Galera nodes refused on a loaded machine.)
 */
final class Conflicts {

    static final int MAX_ATTEMPTS = 5;
    private static final long FIRST_PAUSE_MS = 25;
    /** MariaDB's (and MySQL's) deadlock error, also a Galera certification failure. */
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    private final MeterRegistry meters;

    Conflicts(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * A deadlock, a certification conflict or a lock wait that timed out, wherever it shows: as
     * Spring translates it, or as the driver raised it (a commit's failure may come untranslated).
     */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == ER_LOCK_DEADLOCK || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The pause before attempt {@code next} (2, 3, ...): random, up to twice the last bound. */
    static Duration pauseBefore(int next) {
        long bound = FIRST_PAUSE_MS << (next - 2);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * {@code behalf_request_conflicts_total{outcome}}: requests that met a conflicting change and
     * were run again ({@code rerun}, once per re-run), or answered 503 because the bound was
     * reached ({@code bound_reached}) or they may not be re-run ({@code not_rerunnable}).
     */
    void count(String outcome) {
        Counter.builder("behalf.request.conflicts").tag("outcome", outcome)
                .description("Resource API requests that met a conflicting change (deadlock or certification conflict)")
                .register(meters).increment();
    }
}
