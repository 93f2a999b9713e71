package org.behalf.kernel;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * A filter that answers a request the database failed (gone away, no free connection in time, a
 * lock not had) with {@link Unavailable}'s 503 and {@code Retry-After}, and logs one WARN line, never
 * a stack trace (the standard of this project for answers and logs). Any other failure goes on up.
 * The server's outermost filter for every request ({@code DatabaseOutage}) and the MCP server's for
 * the API requests its tool calls are forwarded as ({@code ForwardedFailures}, as an exception that
 * leaves a forward is logged by the container at ERROR with its trace) are this one filter.
 *
 * <p>Logged through Spring's own logging API, which the application routes where its other logs go:
 * the kernel depends on Spring's types alone. The log's name is the subclass's.
 */
public abstract class UnavailableAnswers extends OncePerRequestFilter {

    private final Log log = LogFactory.getLog(getClass());
    private final JsonMapper json;
    private final boolean rolledBack;

    /** @param rolledBack whether whatever fails here is known to have kept nothing ({@link Unavailable#forFailure}) */
    protected UnavailableAnswers(JsonMapper json, boolean rolledBack) {
        this.json = json;
        this.rolledBack = rolledBack;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            Optional<Unavailable> answer = Unavailable.forFailure(e, rolledBack);
            if (answer.isEmpty() || response.isCommitted()) {
                throw e;
            }
            // The route, not the path: a token a client put in the path is never logged (docs/security.md rule 28).
            log.warn(request.getMethod() + " " + LoggedPath.of(request) + " failed: the database did not answer ("
                    + NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName() + ")");
            response.resetBuffer();
            // This answer replaces whatever the request had begun, a page for an error answered
            // earlier included: Spring leaves that error in the request (WebUtils.exposeErrorRequestAttributes,
            // as the console's advice answered an API refusal with its page), and Tomcat's error report,
            // finding it after us, replaced this 503 with a 500 in JSON (black-box finding, 2026-12-07).
            WebUtils.clearErrorRequestAttributes(request);
            answer.get().write(request, response, json);
        }
    }
}
