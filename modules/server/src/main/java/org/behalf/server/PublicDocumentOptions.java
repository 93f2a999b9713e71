package org.behalf.server;

import java.io.IOException;
import java.util.List;
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
 *
 * <p>A method such an address does not take is {@code 405} with the same {@code Allow} (RFC 9110 section
 * 15.5.6), for the user-info and authorization endpoints too, which take {@code POST} as well (OpenID
 * Connect Core 1.0 section 5.3, RFC 6749 section 3.1): the CSRF check answered {@code PUT}, {@code DELETE}
 * and {@code PATCH} there first with {@code 403} "This is not allowed.", on the authorization endpoint
 * blaming an unknown app (black-box finding F21, 2026-12-07).
 */
@Component
class PublicDocumentOptions extends OncePerRequestFilter implements Ordered {

    static final String ALLOWED = "GET, HEAD, OPTIONS";
    private static final String ALSO_POST = "GET, HEAD, POST, OPTIONS";

    private static final Set<String> TAKING_POST = Set.of("/userinfo", "/oauth2/authorize");
    private static final Set<String> DOCUMENTS = Set.of("/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server", "/oauth2/jwks", "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource/mcp", "/.well-known/ssf-configuration", "/v3/api-docs",
            "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/actuator/info");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String allowed = allowed(request.getRequestURI());
        return allowed == null || !"OPTIONS".equals(request.getMethod()) && List.of(allowed.split(", ")).contains(request.getMethod());
    }

    private static String allowed(String path) {
        return DOCUMENTS.contains(path) ? ALLOWED : TAKING_POST.contains(path) ? ALSO_POST : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Allow", allowed(request.getRequestURI()));
        if (!"OPTIONS".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /** After the address and path checks, the admission and {@link HeadRequests}, before the security chains (CSRF among them). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }
}
