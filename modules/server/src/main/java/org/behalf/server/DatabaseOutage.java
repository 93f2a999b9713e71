package org.behalf.server;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.kernel.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outermost: when the database goes away mid-request (a restart, a failover) wherever that shows,
 * in token checks, sign-in or a handler, the answer is a 503 problem and the log gets one line,
 * never a stack trace (the standard of this project for answers and logs). Kernel's
 * {@link Unavailable} tells an outage from other failures and words the answer.
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
            Optional<Unavailable> answer = Unavailable.forFailure(e, false);
            if (answer.isEmpty() || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} failed: the database did not answer ({})", request.getMethod(), request.getRequestURI(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
            response.resetBuffer();
            // This answer replaces whatever the request had begun, a page for an error answered
            // earlier included: Spring leaves that error in the request (WebUtils.exposeErrorRequestAttributes,
            // as the console's advice answered an API refusal with its page), and Tomcat's error report,
            // finding it after us, replaced this 503 with a 500 in JSON (black-box finding, 2026-12-07).
            WebUtils.clearErrorRequestAttributes(request);
            answer.get().write(request, response, json);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
