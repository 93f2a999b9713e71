package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outermost: when the database goes away mid-request (a restart, a failover) wherever that shows,
 * in token checks, sign-in or a handler, the answer is a 503 problem and the log gets one line,
 * never a stack trace (the standard of this project for answers and logs).
 */
@Component
class DatabaseOutage extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final JsonMapper json;

    DatabaseOutage(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            Throwable outage = outage(e);
            if (outage == null || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} failed: the database did not answer ({})", request.getMethod(), request.getRequestURI(),
                    outage.getClass().getSimpleName());
            response.resetBuffer();
            (outage instanceof PessimisticLockingFailureException ? Unavailable.lockWait() : Unavailable.databaseDown())
                    .write(response, json);
        }
    }

    private static Throwable outage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecoverableDataAccessException || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionException) {
                return cause;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
