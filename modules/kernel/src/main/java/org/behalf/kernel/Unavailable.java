package org.behalf.kernel;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;

/**
 * 503 with {@code Retry-After}, as every other problem answer is built: nothing was done, try
 * again. The one place that tells a database outage (or a lock not had) from any other failure and
 * words its answer, for the outermost filter (server's {@code DatabaseOutage}: token checks,
 * sign-in, anything) and for the resource API's handlers (delegation's {@code DatabaseDownAdvice},
 * which answers inside the request's transaction, so that the enforcement records the failure and
 * can run the request again).
 */
public final class Unavailable extends InvalidRequest {

    /** How long a client is asked to wait after the database failed it. */
    public static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private Unavailable(Duration retryAfter, String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable", null, detail);
        getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** This node is answering as many requests as it may at once (docs/security.md rule 41). */
    public static Unavailable busy() {
        return new Unavailable(Duration.ofSeconds(1), "The service is busy right now. Try again in a moment.");
    }

    /**
     * The answer to a failure whose causes include a database that did not answer (a restart, a
     * failover), no free connection in time (the node is busy, {@link #poolExhausted}) or a lock not
     * had (a lock wait that timed out, a deadlock, a Galera certification conflict); empty for any
     * other failure.
     *
     * @param rolledBack whether the failure is known to have kept nothing (a resource API request,
     *                   whose transaction rolls back whole), which the answer then says
     */
    public static Optional<Unavailable> forFailure(Throwable failure, boolean rolledBack) {
        // First, as the pool's timeout comes wrapped in what also says "could not reach" (Spring's
        // CannotGetJdbcConnectionException, CannotCreateTransactionException).
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (poolExhausted(cause)) {
                return Optional.of(new Unavailable(Duration.ofSeconds(1), rolledBack
                        ? "The service is busy right now; nothing was changed. Try again in a moment."
                        : "The service is busy right now. Try again in a moment."));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException) {
                return Optional.of(new Unavailable(DATABASE_RETRY_AFTER, rolledBack
                        ? "The request collided with another change of the same data; nothing was changed. Try again."
                        : "Something else is changing the same thing right now. Try again in a moment."));
            }
            if (cause instanceof RecoverableDataAccessException || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionException) {
                return Optional.of(new Unavailable(DATABASE_RETRY_AFTER, rolledBack
                        ? "The service could not reach its database; nothing was changed. Try again."
                        : "The service could not reach its database. Try again."));
            }
        }
        return Optional.empty();
    }

    /**
     * The connection pool's wait ran out while the database answers: every connection was in use.
     * The pool (HikariCP) gives the last failure to open a connection as the cause of its timeout,
     * and none while connections open; that one is an outage. Worded as a busy node, not as a
     * database that could not be reached (black-box finding, 2026-12-07: operators and users were
     * told the database was gone while it answered at once).
     */
    private static boolean poolExhausted(Throwable cause) {
        return cause instanceof SQLTransientConnectionException timedOut && timedOut.getCause() == null;
    }
}
