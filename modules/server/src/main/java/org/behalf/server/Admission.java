package org.behalf.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.kernel.BodyTooSlow;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TooManyRequests;
import org.behalf.kernel.Unavailable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
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
 *
 * <p>A place cannot be held for long, nor all of them from one address (docs/security.md rules 36
 * and 41): 150 connections that sent their headers and then a byte a second, with no token, held
 * every place and the node answered everyone 503, a holder's revocation included (black-box
 * finding, 2026-12-07). So a body must arrive whole within {@code behalf.body-time-limit}
 * ({@link BodyDeadline}; else 408 and the connection closed), and one client address
 * ({@link ClientAddress}: the proxy's client behind a trusted proxy) holds at most
 * {@code behalf.max-concurrent-requests-per-address} places (else 429). Requests from a trusted
 * proxy that names no client (the console's own calls to the API over loopback; a proxy on the
 * same machine without {@code X-Forwarded-For}) are many clients, not one, and are not counted per
 * address. That holds with forwarded headers off too, on purpose: the console's and an approved
 * change's calls come from loopback with no forwarded address, and counting them as one client would
 * cap every console user together; so do {@code scripts/bench}'s 64 callers. A proxy on this machine
 * must name its clients ({@code BEHALF_FORWARD_HEADERS=native}) for them to be capped one by one
 * (docs/configuration.md, black-box finding of 2026-12-07).
 */
@Component
class Admission extends OncePerRequestFilter implements Ordered {

    private final Semaphore inProgress;
    private final int perAddressLimit;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Duration bodyTimeLimit;
    private final long formLimit;
    private final int fieldLimit;
    private final Pattern trustedProxies;
    private final JsonMapper json;

    Admission(ServerSettings settings, JsonMapper json, MeterRegistry meters,
              @Value("${server.tomcat.remoteip.internal-proxies:127\\.0\\.0\\.1|0:0:0:0:0:0:0:1}") String trustedProxies,
              @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize formLimit,
              @Value("${server.tomcat.max-parameter-count:1000}") int fieldLimit) {
        int limit = settings.maxConcurrentRequests();
        this.inProgress = new Semaphore(limit);
        this.perAddressLimit = settings.maxConcurrentRequestsPerAddress();
        this.bodyTimeLimit = settings.bodyTimeLimit();
        this.formLimit = formLimit.toBytes();
        this.fieldLimit = fieldLimit;
        this.trustedProxies = TrustedProxies.pattern(trustedProxies);
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
        String address = trustedProxies.matcher(request.getRemoteAddr()).matches() ? null : ClientAddress.of(request);
        if (address != null && !take(address)) {
            UnreadBodies.closeAfterAnswer(request, response);
            new TooManyRequests(Duration.ofSeconds(1), "Too many of your requests are in progress at once. "
                    + "Wait for them to finish, then try again.").write(request, response, json);
            return;
        }
        if (!inProgress.tryAcquire()) {
            give(address);
            UnreadBodies.closeAfterAnswer(request, response);
            Unavailable.busy().write(request, response, json);
            return;
        }
        BodyDeadline timed = new BodyDeadline(request, bodyTimeLimit, formLimit, fieldLimit);
        try {
            chain.doFilter(timed, response);
            UnreadBodies.readRest(timed, response);
        } catch (BodyTooSlow slow) {
            tooSlow(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!BodyTooSlow.among(e)) {
                throw e;
            }
            tooSlow(request, response);
        } finally {
            inProgress.release();
            give(address);
        }
    }

    /** 408 in plain words where nothing was answered yet; the connection closes, as the body's rest was never read. */
    private void tooSlow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UnreadBodies.closeAfterAnswer(request, response);
        if (!response.isCommitted()) {
            response.resetBuffer();
            new Slow().write(request, response, json);
        }
    }

    /** A body that did not come in time: nothing was done, send it again. */
    private static final class Slow extends InvalidRequest {
        Slow() {
            super(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request Timeout", null, BodyTooSlow.WORDS);
        }
    }

    private boolean take(String address) {
        boolean[] taken = {false};
        perAddress.compute(address, (key, held) -> {
            int now = held == null ? 0 : held;
            if (now >= perAddressLimit) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void give(String address) {
        if (address != null) {
            perAddress.computeIfPresent(address, (key, held) -> held <= 1 ? null : held - 1);
        }
    }

    /** After the path check (a refused path costs nothing) and the outage answer (which it wraps). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
