package org.behalf.server;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.kernel.Unavailable;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sheds load at once (docs/security.md rule 41): past {@code behalf.max-concurrent-requests}
 * requests in progress on this node, the next one is answered 503 with {@code Retry-After}
 * straight away, before it reads its body, takes a thread from the work behind it or waits for a
 * database connection. Without it, a burst queued for the pool until its timeout and every caller
 * waited seconds for a failure; with virtual threads (JDK 21+) nothing bounded the queue at all.
 * What a request's body still holds once it is answered is read while its place is held, and a
 * shed request's is not read at all ({@link UnreadBodies}).
 * The limit sits below the request threads (200 by default) so that health checks always find one,
 * and far above the 64 concurrent clients of {@code scripts/bench}, which it never sheds.
 * Health probes are never shed: a load balancer must be able to tell busy from down. The count in
 * progress is the gauge {@code behalf_requests_in_progress} (docs/deploy.md).
 */
@Component
class Admission extends OncePerRequestFilter implements Ordered {

    private final Semaphore inProgress;
    private final JsonMapper json;

    Admission(ServerSettings settings, JsonMapper json, MeterRegistry meters) {
        int limit = settings.maxConcurrentRequests();
        this.inProgress = new Semaphore(limit);
        this.json = json;
        Gauge.builder("behalf.requests.in.progress", inProgress, permits -> limit - permits.availablePermits())
                .description("Requests in progress on this node; past behalf.max-concurrent-requests the next is answered 503")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().startsWith("/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        if (!inProgress.tryAcquire()) {
            UnreadBodies.closeAfterAnswer(request, response);
            Unavailable.busy().write(request, response, json);
            return;
        }
        try {
            chain.doFilter(request, response);
            UnreadBodies.readRest(request);
        } finally {
            inProgress.release();
        }
    }

    /** After the path check (a refused path costs nothing) and the outage answer (which it wraps). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
