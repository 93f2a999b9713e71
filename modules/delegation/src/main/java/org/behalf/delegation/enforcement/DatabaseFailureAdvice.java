package org.behalf.delegation.enforcement;

import java.sql.SQLException;

import org.behalf.kernel.ProblemAnswer;
import org.behalf.kernel.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A statement the database refused (a value it would not store, a broken constraint): a 500
 * problem, and one log line naming the kind of failure and its SQL state. Never the statement or
 * the driver's message, which carry the member's data (SECURITY-CASES 28: nothing secret in
 * logs). The request's transaction rolls back and {@link EnforcementFilter} records the failure.
 * Runs after {@link DatabaseDownAdvice}, which answers the transient failures.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseFailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFailureAdvice.class);

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> failed(DataAccessException e) {
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "none";
        // Whatever kernel's Unavailable takes for an outage is one, whichever class carries it here.
        Unavailable unavailable = Unavailable.forFailure(e, true).orElse(null);
        if (unavailable != null) {
            log.warn("The database did not answer: {} (SQL state {})", e.getClass().getSimpleName(), state);
            return ResponseEntity.of(unavailable.getBody()).headers(unavailable.getHeaders()).build();
        }
        log.error("A database statement failed: {} (SQL state {})", e.getClass().getSimpleName(), state);
        return ResponseEntity.of(ProblemAnswer.of(HttpStatus.INTERNAL_SERVER_ERROR, "not-stored",
                "The change could not be stored; nothing was changed.")).build();
    }
}
