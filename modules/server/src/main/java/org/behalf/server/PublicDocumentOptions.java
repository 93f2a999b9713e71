package org.behalf.server;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code OPTIONS} on the public documents (discovery metadata, keys, the protected-resource and
 * Shared Signals metadata, the API document, health) with {@code 200} and {@code Allow: GET, HEAD, OPTIONS}
 * (RFC 9110 section 9.3.7), as the API and {@code /mcp} answer it for their paths. Each library behind
 * them matches {@code GET} alone, so black-box testing on 2026-12-07 met {@code 302} to the sign-in page
 * (keys, discovery), {@code 403} "This is not allowed." (API document, health, Shared Signals metadata)
 * and {@code 404} "There is nothing at this address." (protected-resource metadata) for documents that are
 * there; one rule here, as {@link HeadRequests} does for {@code HEAD}. Nothing runs and nothing is read.
 */
@Component
class PublicDocumentOptions extends OncePerRequestFilter implements Ordered {

    static final String ALLOWED = "GET, HEAD, OPTIONS";

    private static final Set<String> DOCUMENTS = Set.of("/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server", "/oauth2/jwks", "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource/mcp", "/.well-known/ssf-configuration", "/v3/api-docs",
            "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/actuator/info");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"OPTIONS".equals(request.getMethod()) || !DOCUMENTS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Allow", ALLOWED);
        response.setContentLength(0);
    }

    /** After the address and path checks and the admission, before the security chains that match GET alone. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }
}
