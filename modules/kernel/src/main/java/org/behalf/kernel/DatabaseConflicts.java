package org.behalf.kernel;

import java.sql.SQLException;

/**
 * Whether a failure is a lost deadlock or a Galera certification conflict, which MariaDB reports as
 * the same error (1213, SQLState 40001; {@code GaleraConflictTest}; docs/operations.md,
 * "Certification conflicts"): the transaction was rolled back whole, so running it again from its
 * first statement is safe. Here because both the resource API's re-run (delegation's
 * {@code EnforcementFilter}) and identity's sign-in counters ({@code WindowCounts}) ask it.
 */
public final class DatabaseConflicts {

    /** MariaDB's (and MySQL's) deadlock error, also a Galera certification failure. */
    private static final int ER_LOCK_DEADLOCK = 1213;

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
}
