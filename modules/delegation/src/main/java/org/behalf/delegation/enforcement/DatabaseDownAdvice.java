package org.behalf.delegation.enforcement;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.kernel.DatabaseConflicts;
import org.behalf.kernel.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database went away in the middle of a request (a restart, a failover): a 503 problem that
 * says to try again, one log line without a stack trace, and the request's transaction rolls back
 * with nothing changed (its refusal is recorded by {@link EnforcementFilter} once the database
 * answers again). The answer is kernel's {@link Unavailable}, as the server's outermost filter
 * gives it elsewhere; here it is given inside the transaction, so that the enforcement sees it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseDownAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDownAdvice.class);

    /**
     * The classes kernel's {@link Unavailable#forFailure} takes for an outage, all of them. A
     * Galera node cut off from its cluster's majority, or not yet rejoined, refuses statements
     * with error 1047 (SQLState 08S01, "WSREP has not yet prepared node for application use"),
     * which Spring translates to a {@link DataAccessResourceFailureException}: not listed here, it
     * fell to {@link DatabaseFailureAdvice} and was answered 500 "could not be stored" without
     * {@code Retry-After} (black-box finding, 2026-12-07).
     */
    @ExceptionHandler({RecoverableDataAccessException.class, TransientDataAccessException.class,
            DataAccessResourceFailureException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("The database did not answer: {}", e.getClass().getSimpleName());
        return answer(Unavailable.forFailure(e, true).orElseThrow());
    }

    /**
     * A deadlock, a Galera certification conflict or a lock wait that timed out: the database is
     * there, the request met another one. {@link EnforcementFilter} runs the request again after a
     * deadlock or conflict, within its bound; this answer is what the caller gets once the bound is
     * reached, or after a lock wait that timed out.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> collided(PessimisticLockingFailureException e, HttpServletRequest request) {
        log.debug("A request collided with another: {}", e.getClass().getSimpleName());
        if (DatabaseConflicts.isConflict(e)) {
            RequestRecord.of(request).collided();
        }
        return answer(Unavailable.forFailure(e, true).orElseThrow());
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorResponse unavailable) {
        return ResponseEntity.of(unavailable.getBody()).headers(unavailable.getHeaders()).build();
    }
}
