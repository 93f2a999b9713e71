package org.behalf.identity.authorization;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Under {@code /oauth2/}, only the endpoints the server offers answer, and each only to its method,
 * ahead of the security chains (docs/security.md rule 39: discovery advertises exactly what the
 * server accepts, and the answers agree with it):
 * <ul>
 * <li>any other path, the pushed authorization request and device authorization endpoints among
 * them (not offered: RFC 8414 metadata names neither), is the server's plain 404 for an address
 * where there is nothing (the error page's problem answer). Spring Authorization Server's chain
 * takes those two paths anyway, so a client without credentials was challenged (401, even with a
 * Bearer challenge) and one with them got Spring's "No static resource oauth2/par.";</li>
 * <li>the token, introspection, revocation and registration endpoints take POST only (RFC 6749
 * section 3.2, RFC 7662 section 2.1, RFC 7009 section 2.1, RFC 7591 section 3.1): another method is
 * 405 with {@code Allow: POST} and section 5.2's {@code invalid_request} JSON, as every OAuth error
 * answer is (SECURITY-CASES 39), where a GET was sent to the sign-in page and a PUT refused as a
 * forged form (403).</li>
 * </ul>
 */
@Component
class OfferedOAuthEndpoints extends OncePerRequestFilter implements Ordered {

    private final Set<String> postOnly;
    private final Set<String> offered;

    OfferedOAuthEndpoints(AuthorizationServerSettings settings) {
        this.postOnly = Set.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
                settings.getTokenRevocationEndpoint(), settings.getClientRegistrationEndpoint());
        this.offered = Set.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
                settings.getTokenRevocationEndpoint(), settings.getClientRegistrationEndpoint(),
                settings.getAuthorizationEndpoint(), settings.getJwkSetEndpoint(), ConsentPage.PATH);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith("/oauth2/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath();
        if (!offered.contains(path)) {
            response.sendError(HttpStatus.NOT_FOUND.value());
            return;
        }
        if (postOnly.contains(path) && !HttpMethod.POST.matches(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
            OAuthErrorAnswer.write(response, HttpStatus.METHOD_NOT_ALLOWED.value(), OAuth2ErrorCodes.INVALID_REQUEST,
                    "This address takes POST only.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** With {@link OAuthRequestRules}: after {@code CanonicalPaths}, before Spring Security's chains (order -100). */
    @Override
    public int getOrder() {
        return -111;
    }
}
