package org.behalf.server;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.kernel.RequestParameters;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the token endpoint's answers, whichever provider wrote them (Spring Authorization
 * Server's own or Behalf's token exchange): {@code behalf_tokens_issued_total{grant_type}} and,
 * for RFC 8693 exchanges, {@code behalf_exchanges_total{outcome="issued"|"refused"}}. Counted from
 * the answer's status rather than inside each provider, so that no path is missed. The grant type
 * label comes from a closed list: anything else a caller sends is {@code other}, so that callers
 * cannot grow the metrics without bound.
 */
@Component
class TokenMeters extends OncePerRequestFilter implements Ordered {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials", TOKEN_EXCHANGE);

    private final MeterRegistry meters;

    TokenMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"/oauth2/token".equals(request.getRequestURI()) || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        // A form the container could not read (too large, a broken %-escape) throws again on every read: here, after
        // identity's OAuthRequestRules had answered it with RFC 6749's invalid_request, that turned its 413 into the
        // error page's problem document (black-box finding F13, 2026-12-07).
        String sent = RequestParameters.decode(request) ? request.getParameter("grant_type") : null;
        // A request without grant_type is refused by the endpoint; Set.of(...).contains(null) would throw.
        String grantType = sent != null && GRANT_TYPES.contains(sent) ? sent : "other";
        boolean issued = response.getStatus() == 200;
        if (issued) {
            Counter.builder("behalf.tokens.issued").tag("grant_type", grantType)
                    .description("Tokens issued by the token endpoint, by grant type").register(meters).increment();
        }
        if (TOKEN_EXCHANGE.equals(grantType)) {
            Counter.builder("behalf.exchanges").tag("outcome", issued ? "issued" : "refused")
                    .description("RFC 8693 token exchanges, issued or refused").register(meters).increment();
        }
    }

    /** Outside Spring Security's chain (-100), which writes the token endpoint's answers itself. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
