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
import org.behalf.kernel.TooManyRequests;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * At most so many dynamic client registrations per client address per window, counted in the
 * database so that every node sees the same count (docs/security.md rules 29 and 43): open
 * registration must not become a way to fill the client table. Every attempt counts, as for
 * sign-ups ({@code SignUpLimit}), and the count is its own statement before Spring's endpoint runs.
 */
@Component
class RegistrationLimit extends OncePerRequestFilter implements Ordered {

    private final WindowCounts counts;
    private final Clock clock;
    private final JsonMapper json;
    private final RegistrationSettings settings;

    RegistrationLimit(WindowCounts counts, Clock clock, JsonMapper json, RegistrationSettings settings) {
        this.counts = counts;
        this.clock = clock;
        this.json = json;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && DynamicRegistration.PATH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        WindowCounts.Count count = counts.increment("register:" + ClientAddress.of(request), settings.window());
        if (count.count() <= settings.maxPerAddress()) {
            chain.doFilter(request, response);
            return;
        }
        new TooManyRequests(Duration.between(clock.instant(), count.windowStart().plus(settings.window())),
                "Too many client registrations from this address; try again later.").write(response, json);
    }

    /** After {@link OAuthRequestRules}, before Spring Security's chains (order -100). */
    @Override
    public int getOrder() {
        return -105;
    }
}
