package org.behalf.identity.signin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.TooManyRequests;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API requests that check the member's current password (a password change, closing the
 * account) are guesses at it like sign-ins, and count on the sign-in throttle's counters
 * (docs/security.md rule 37): the same account's sign-in failures and these share one limit.
 * Past it the answer is 429 with {@code Retry-After}, and the password is not checked.
 *
 * One-time codes are counted by {@code Totp} itself, wherever a code is asked for.
 *
 * <p>A filter for the reason {@code SignUpLimit} (identity.member) is one: the handler's
 * transaction rolls back on a wrong password, and the count must stay.
 */
@Component
class PasswordCheckThrottle extends OncePerRequestFilter implements Ordered {

    private static final Set<String> PATHS = Set.of("/api/v1/account/password", "/api/v1/account/close");

    private final SignInThrottle throttle;
    private final Callers callers;
    private final JsonMapper json;

    PasswordCheckThrottle(SignInThrottle throttle, Callers callers, JsonMapper json) {
        this.throttle = throttle;
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATHS.contains(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = callers.current().filter(known -> known.kind() == Caller.Kind.HOLDER);
        if (caller.isEmpty()) {
            // Not the member's own token: enforcement refuses it before any password is read.
            chain.doFilter(request, response);
            return;
        }
        ClientAddress.adopt(request, caller.get());
        String account = caller.get().subject();
        String address = ClientAddress.of(request);
        Duration wait = throttle.wait(account, address);
        if (wait != null) {
            new TooManyRequests(wait, "Too many wrong passwords; try again later.").write(response, json);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() < 300) {
            throttle.succeeded(account, address);
        }
    }

    @Override
    public int getOrder() {
        return -50;
    }
}
