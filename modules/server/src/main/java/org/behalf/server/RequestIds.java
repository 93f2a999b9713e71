package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names every request as it arrives: its id is answered as {@code X-Request-Id}, carried by each log
 * line written while it runs, and recorded in its activity entry ({@code requestId}; docs/api.md,
 * docs/activity-log.md). Only the resource API's enforcement named requests before, so a token
 * exchange's entry had no id and its answer no header (black-box testing, 2026-12-06).
 */
@Component
class RequestIds extends OncePerRequestFilter implements Ordered {

    /** The MDC key of config/application.yml's log pattern. */
    private static final String LOG_KEY = "requestId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(RequestState.ID_ATTRIBUTE) != null) {
            // An error page for a request already named (its own dispatch ran first).
            chain.doFilter(request, response);
            return;
        }
        String id = OpaqueIds.random(12);
        request.setAttribute(RequestState.ID_ATTRIBUTE, id);
        response.setHeader("X-Request-Id", id);
        MDC.put(LOG_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LOG_KEY);
        }
    }

    /**
     * The error page's dispatch too: a request the container refuses before any filter ran ({@code TRACE},
     * which Tomcat answers 405 itself) reaches the application only there, and its answer had no id
     * (black-box finding, 2026-12-07).
     */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** First of all, so that every answer, refusals before anything ran included, carries it. */
    @Override
    public int getOrder() {
        // First of all: every filter after it may answer alone (a non-canonical path, a database outage, a busy node),
        // and each answer carries its id (api.md); CanonicalPaths shared this order and its 400s had none.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
