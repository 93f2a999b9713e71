package org.behalf.identity.authorization;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.behalf.identity.api.SignInRequestErrors;
import org.behalf.kernel.RequestParameters;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two rules of RFC 6749 that Spring Authorization Server leaves to each endpoint, held for every
 * OAuth endpoint at once, ahead of its security chain (docs/security.md rule 39), once its parameters
 * could be read at all (a broken %-escape is {@code invalid_request} too, SECURITY-CASES 24):
 * <ul>
 * <li>section 3.1 and 3.2: a parameter is never sent twice (a repeated {@code code} once reached a
 * cast in Spring's code-verifier check and answered 500); {@code resource} and {@code audience}
 * may repeat (RFC 8707 section 2, RFC 8693 section 2.1), and so may {@code scope} in the consent
 * form's answer ({@link ConsentPage}: one box per scope, posted back to the authorization endpoint);</li>
 * <li>section 2.3: a client uses one authentication method per request, so a secret in both the
 * {@code Authorization} header and the body is refused rather than one of them believed;</li>
 * <li>section 3.2 (and RFC 7009 section 2.1, RFC 7662 section 2.1): the token, revocation and
 * introspection requests are forms in the request body, so a {@code POST} to them with anything in
 * its query string is refused, first of all, whether or not the body holds the same parameter, with
 * the same value or another. Spring read some parameters from the body alone and these rules read
 * both, so a parameter in the address was taken by one check and ignored by the next, and a request
 * got contradictory answers (black-box finding F23, 2026-12-07).</li>
 * </ul>
 * A {@code DPoP} header goes no further ({@link DpopIgnored}): DPoP is not offered.
 * Refusals are section 5.2's {@code invalid_request} JSON ({@link OAuthErrorAnswer}), but for a browser at
 * the authorization endpoint, which gets the error page in words (black-box finding: it got the JSON).
 */
@Component
class OAuthRequestRules extends OncePerRequestFilter implements Ordered {

    private static final Set<String> REPEATABLE = Set.of("resource", "audience");
    private static final Set<String> BODY_CREDENTIALS = Set.of(OAuth2ParameterNames.CLIENT_SECRET,
            OAuth2ParameterNames.CLIENT_ASSERTION, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith("/oauth2/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (InvalidClient.ENDPOINTS.matches(request) && parametersInAddress(request)) {
            // Before the form is read: whatever the address holds, encoded or not, the answer is this one.
            refuse(response, "Send the parameters in the request body, as a form, not in the address: this endpoint reads "
                    + "none from the address (RFC 6749 section 3.2).");
            return;
        }
        java.util.Optional<IllegalStateException> unread = RequestParameters.failure(request);
        if (unread.isPresent()) {
            // SECURITY-CASES 24 and 39: the container decodes the query and form on the first read of a
            // parameter and throws there; the error page then answered with problem JSON, not section 5.2's.
            if (browserSigningIn(request)) {
                response.sendError(HttpStatus.BAD_REQUEST.value(), SignInRequestErrors.BROKEN_ADDRESS);
                return;
            }
            if (unread.get() instanceof InvalidParameterException container && container.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
                // A valid form over the container's limit (max-http-form-post-size) was told it had a broken %-escape
                // (black-box finding); no OAuth parameter is anywhere near that long.
                OAuthErrorAnswer.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), OAuth2ErrorCodes.INVALID_REQUEST,
                        "The form is too large for the server to read; no token or other parameter is that long.");
                return;
            }
            refuse(response, RequestParameters.refusal(unread.get()));
            return;
        }
        String authorization = request.getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        for (Enumeration<String> names = request.getParameterNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (request.getParameterValues(name).length > 1 && !REPEATABLE.contains(name) && !consent(request, name)) {
                if (browserSigningIn(request)) {
                    // A person's browser gets the error page, as for Spring's own refusals there (docs/console.md).
                    response.sendError(HttpStatus.BAD_REQUEST.value(), SignInRequestErrors.reason(OAuth2ErrorCodes.INVALID_REQUEST, name));
                    return;
                }
                refuse(response, "The parameter " + name + " is sent more than once.");
                return;
            }
            if (basic && BODY_CREDENTIALS.contains(name)) {
                refuse(response, "The client authenticates in more than one way; use one.");
                return;
            }
        }
        chain.doFilter(DpopIgnored.of(request), response);
    }

    /** Anything in the query string but separators: a parameter, whatever its name or encoding. */
    private static boolean parametersInAddress(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && !query.replace("&", "").isEmpty();
    }

    /** A person's browser at the authorization endpoint: refused with the error page in words, not JSON. */
    private static boolean browserSigningIn(HttpServletRequest request) {
        return SignInRequestErrors.AUTHORIZATION_ENDPOINT.equals(request.getServletPath())
                && AuthorizationServerConfiguration.browsers().matches(request);
    }

    private static boolean consent(HttpServletRequest request, String name) {
        return OAuth2ParameterNames.SCOPE.equals(name) && ConsentAnswers.MATCHER.matches(request);
    }

    private static void refuse(HttpServletResponse response, String description) throws IOException {
        OAuthErrorAnswer.write(response, HttpStatus.BAD_REQUEST.value(), OAuth2ErrorCodes.INVALID_REQUEST, description);
    }

    /** After {@code CanonicalPaths}, before Spring Security's chains (order -100). */
    @Override
    public int getOrder() {
        return -110;
    }
}
