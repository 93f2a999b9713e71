package org.behalf.delegation.enforcement;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.kernel.DatabaseConflicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database went away in the middle of a request (a restart, a failover): a 503 problem that
 * says to try again, one log line without a stack trace, and the request's transaction rolls back
 * with nothing changed (its refusal is recorded by {@link EnforcementFilter} once the database
 * answers again).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseDownAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDownAdvice.class);

    /** Seconds a client is asked to wait before trying again, as the server's other 503 answers ask. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({RecoverableDataAccessException.class, TransientDataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("The database did not answer: {}", e.getClass().getSimpleName());
        return unavailable("The service could not reach its database; nothing was changed. Try again.");
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
        return unavailable("The request collided with another change of the same data; nothing was changed. Try again.");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(URI.create("https://behalf.example/problems/unavailable"));
        problem.setTitle("Service Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS).body(problem);
    }
}
