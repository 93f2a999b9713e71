package org.behalf.identity.member;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.signin.WindowCounts;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.TooManyRequests;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * At most so many sign-ups per client address per window, counted in the database so that every
 * node sees the same count (DESIGN.md section 6, {@code POST /api/v1/members} is rate-limited;
 * docs/security.md rule 29). Every attempt counts, whether or not it creates a member, so the limit
 * says nothing about which handles exist (rule 27) and a refused attempt costs no password hash
 * past it (rule 37).
 *
 * <p>A filter, not a step of the handler: the handler runs inside the request's transaction, which
 * a refused sign-up rolls back, count and all. Here the count is one statement of its own, before
 * that transaction opens (so the request never holds two connections), after Spring Security
 * (order -100), which tells whether the call is the console's on a browser's behalf.
 */
@Component
class SignUpLimit extends OncePerRequestFilter implements Ordered {

    private final WindowCounts counts;
    private final Clock clock;
    private final Callers callers;
    private final JsonMapper json;
    private final int perAddress;
    private final Duration window;

    SignUpLimit(WindowCounts counts, Clock clock, Callers callers, JsonMapper json, SignUpSettings settings) {
        this.counts = counts;
        this.clock = clock;
        this.callers = callers;
        this.json = json;
        this.perAddress = settings.maxPerAddress();
        this.window = settings.window();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/api/v1/members".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        callers.current().ifPresent(caller -> ClientAddress.adopt(request, caller));
        WindowCounts.Count count = counts.increment("signup:" + ClientAddress.of(request), window);
        if (count.count() <= perAddress) {
            chain.doFilter(request, response);
            return;
        }
        new TooManyRequests(Duration.between(clock.instant(), count.windowStart().plus(window)),
                "Too many new accounts from this address; try again later.").write(response, json);
    }

    @Override
    public int getOrder() {
        return -50;
    }
}
