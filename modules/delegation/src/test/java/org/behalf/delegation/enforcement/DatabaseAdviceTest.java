package org.behalf.delegation.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * Which answer a resource API request gets when its statement fails (docs/operations.md, "What each
 * fault costs"): a Galera node cut off from its cluster's majority, or not yet rejoined, refuses
 * statements with error 1047 / SQLState 08S01, which Spring translates to a
 * {@code DataAccessResourceFailureException}. It is the database being away: 503 with
 * {@code Retry-After}, as kernel's {@code Unavailable} says; it was answered 500 "could not be
 * stored" (black-box finding, 2026-12-07). The answer over HTTP of a node whose database is gone is
 * {@code DatabaseAwayTest}'s (modules/server); a Galera node's refusal cannot be made without Galera,
 * so its translation is checked here as {@code GaleraConflictTest} checks a certification conflict's.
 */
class DatabaseAdviceTest {

    /** As Connector/J raises it from a MariaDB Galera node without a primary component. */
    private static final SQLException NON_PRIMARY = new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047);

    @Test
    void aGaleraNodeThatRefusesStatementsIsAnswered503WithRetryAfterNot500() throws Exception {
        DataAccessException refused = new SQLErrorCodeSQLExceptionTranslator("MySQL").translate("insert", null, NON_PRIMARY);

        Method handler = new ExceptionHandlerMethodResolver(DatabaseDownAdvice.class).resolveMethodByThrowable(refused);
        assertThat(handler).as("DatabaseDownAdvice takes " + refused.getClass().getSimpleName()).isNotNull();
        @SuppressWarnings("unchecked")
        ResponseEntity<ProblemDetail> answer = (ResponseEntity<ProblemDetail>) handler.invoke(new DatabaseDownAdvice(),
                handler.getParameterCount() == 1 ? new Object[] {refused} : new Object[] {refused, null});
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).isEqualTo("The service could not reach its database; nothing was changed. Try again.");

        // And the catch-all for refused statements answers whatever kernel's Unavailable takes as
        // an outage the same, whichever class carries it.
        ResponseEntity<ProblemDetail> fallback = new DatabaseFailureAdvice().failed(refused);
        assertThat(fallback.getStatusCode().value()).isEqualTo(503);
        assertThat(fallback.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }
}
