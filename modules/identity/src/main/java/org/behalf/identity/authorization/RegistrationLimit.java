package org.behalf.identity.authorization;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.signin.WindowCounts;
import org.behalf.kernel.ClientAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most so many dynamic client registrations per client address per window, counted in the
 * database so that every node sees the same count (docs/security.md rules 29 and 43): open
 * registration must not become a way to fill the client table. The count is its own statement
 * before Spring's endpoint runs, so that attempts at once are each counted; an attempt refused
 * (any answer but {@code 201}) is then given back, as a failed sign-in's address is: ten refused
 * first tries of a client developer locked the address out for an hour with nothing registered
 * (black-box finding F12, 2026-12-07). Past the limit the answer is RFC 7591's error form, as every
 * other refusal of the endpoint, {@code temporarily_unavailable} (RFC 6749 section 4.1.2.1's "try
 * again later") with {@code Retry-After}, and not cached ({@link OAuthErrorAnswer}): it was a problem
 * document without {@code Cache-Control}, which a registration library could not read.
 */
@Component
class RegistrationLimit extends OncePerRequestFilter implements Ordered {

    private final WindowCounts counts;
    private final Clock clock;
    private final RegistrationSettings settings;

    RegistrationLimit(WindowCounts counts, Clock clock, RegistrationSettings settings) {
        this.counts = counts;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && DynamicRegistration.PATH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = "register:" + ClientAddress.of(request);
        WindowCounts.Count count = counts.increment(key, settings.window());
        if (count.count() <= settings.maxPerAddress()) {
            chain.doFilter(request, response);
            if (response.getStatus() != HttpServletResponse.SC_CREATED) {
                counts.decrement(key);
            }
            return;
        }
        counts.decrement(key);
        Duration wait = Duration.between(clock.instant(), count.windowStart().plus(settings.window()));
        response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
        OAuthErrorAnswer.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), "temporarily_unavailable",
                "Too many client registrations from this address; try again in " + Math.max(1, (wait.toSeconds() + 59) / 60)
                        + " minutes, as Retry-After says.");
    }

    /** After {@link OAuthRequestRules}, before Spring Security's chains (order -100). */
    @Override
    public int getOrder() {
        return -105;
    }
}
