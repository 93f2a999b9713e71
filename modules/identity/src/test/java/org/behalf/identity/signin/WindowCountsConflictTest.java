package org.behalf.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * A sign-in counter's statement that loses a Galera certification conflict (MariaDB 1213, as
 * Connector/J raises it and Spring translates it) is run again, at most three times; a lock wait
 * that timed out (1205, the same Spring class) is not. The statements themselves run against
 * MySQL in the server's sign-in tests; here only the conflicts are made up.
 */
class WindowCountsConflictTest {

    private static final SQLException CERTIFICATION_FAILURE = new SQLTransactionRollbackException(
            "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction", "40001", 1213);
    private static final SQLException LOCK_WAIT_TIMEOUT = new SQLException(
            "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);

    @Test
    void aCounterThatLosesAConflictIsCountedOnceWhenItsNextRunGoesThrough() {
        Conflicting jdbc = new Conflicting(CERTIFICATION_FAILURE, 2);
        new WindowCounts(jdbc, Clock.systemUTC()).reset("addr:127.0.0.1");
        assertThat(jdbc.runs.get()).isEqualTo(3);
        assertThat(jdbc.applied.get()).isEqualTo(1);
    }

    @Test
    void aThirdConflictInARowReachesTheSignIn() {
        Conflicting jdbc = new Conflicting(CERTIFICATION_FAILURE, 3);
        assertThatThrownBy(() -> new WindowCounts(jdbc, Clock.systemUTC()).decrement("addr:127.0.0.1"))
                .isInstanceOf(PessimisticLockingFailureException.class);
        assertThat(jdbc.applied.get()).isZero();
    }

    @Test
    void aLockWaitThatTimedOutIsNotRunAgain() {
        Conflicting jdbc = new Conflicting(LOCK_WAIT_TIMEOUT, 1);
        assertThatThrownBy(() -> new WindowCounts(jdbc, Clock.systemUTC()).reset("acct:someone"))
                .isInstanceOf(PessimisticLockingFailureException.class);
        assertThat(jdbc.runs.get()).isEqualTo(1);
    }

    /** Fails its first {@code failures} updates the way the driver and Spring report them, then applies. */
    private static final class Conflicting extends JdbcTemplate {

        private final SQLException failure;
        private final int failures;
        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicInteger applied = new AtomicInteger();

        Conflicting(SQLException failure, int failures) {
            this.failure = failure;
            this.failures = failures;
        }

        @Override
        public int update(String sql, Object... args) {
            if (runs.incrementAndGet() <= failures) {
                throw new SQLErrorCodeSQLExceptionTranslator("MySQL").translate("update", sql, failure);
            }
            applied.incrementAndGet();
            return 1;
        }
    }
}
