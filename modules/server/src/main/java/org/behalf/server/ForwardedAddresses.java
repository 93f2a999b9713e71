package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.kernel.IpLiteral;
import org.behalf.kernel.ProblemAnswer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Behind a trusted proxy ({@code BEHALF_FORWARD_HEADERS=native}) the container takes the client's
 * address from {@code X-Forwarded-For} as written, and a request from the proxy's own machine could
 * put any text there: the activity log stored "garbage" and markup as the address, and
 * {@code 3405803781} passed a grant's range as 203.0.113.5 (black-box testing, 2026-12-06). Such a
 * request is refused here, before anything reads the address (docs/security.md rule 29); the address
 * everyone reads is then a literal, spelled one way ({@link org.behalf.kernel.ClientAddress}).
 */
@Component
class ForwardedAddresses extends OncePerRequestFilter implements Ordered {

    private final JsonMapper json;

    ForwardedAddresses(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (IpLiteral.parse(request.getRemoteAddr()).isEmpty()) {
            ProblemAnswer.write(response, ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-request",
                    "The client address forwarded by the proxy (X-Forwarded-For) is not an IP address."), null, json);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Right after the request is named ({@link RequestIds}), before anything reads the address. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
