package org.behalf.kernel;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a failure is a lost deadlock or a Galera certification conflict, which MariaDB reports as
 * the same error (1213, SQLState 40001; {@code GaleraConflictTest}; docs/operations.md,
 * "Certification conflicts"): the transaction was rolled back whole, so running it again from its
 * first statement is safe. Here because both the resource API's re-run (delegation's
 * {@code EnforcementFilter}) and identity's sign-in counters ({@code WindowCounts}) ask it.
 *
 * <p>And how work is run again after one, wherever it is (delegation's {@code Conflicts}, identity's
 * token store): at most {@value #MAX_ATTEMPTS} attempts, each after a random pause of up to 25, 50,
 * 100, 200 ms, so that the writers that collided do not collide again in step: at most 375 ms of
 * pauses. (Four attempts left one of 48 concurrent appends to one account through three Galera
 * nodes refused on a loaded machine.)
 */
public final class DatabaseConflicts {

    /** The attempts, the first included, of work that meets conflicting changes. */
    public static final int MAX_ATTEMPTS = 5;
    /** MariaDB's (and MySQL's) deadlock error, also a Galera certification failure. */
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final long FIRST_PAUSE_MS = 25;

    private DatabaseConflicts() {
    }

    /**
     * MariaDB's error 1213 in the failure's causes, as Spring translated it (a
     * {@code CannotAcquireLockException}) or as the driver raised it (a commit's failure may come
     * untranslated). Not a lock wait that timed out (1205, which Spring translates to the same
     * class): that caller has already waited the server's timeout, and running it again would make
     * it wait that long again.
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ER_LOCK_DEADLOCK) {
                return true;
            }
        }
        return false;
    }

    /** The pause before attempt {@code next} (2, 3, ...): random, up to twice the last bound. */
    public static Duration pauseBefore(int next) {
        long bound = FIRST_PAUSE_MS << (next - 2);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** Waits {@link #pauseBefore} attempt {@code next}. */
    public static void pause(int next) {
        try {
            Thread.sleep(pauseBefore(next).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
