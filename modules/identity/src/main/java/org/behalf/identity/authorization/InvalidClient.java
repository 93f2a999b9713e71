package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * RFC 6749 section 5.2's {@code invalid_client}: 401 with its JSON body and a {@code WWW-Authenticate}
 * challenge, the same one whatever went wrong (docs/security.md rule 39). Section 5.2 requires the
 * challenge when the client used the {@code Authorization} header; it is sent to every client, so that
 * the answer does not tell which way of authenticating was tried. Written for a request that no client
 * authentication matched (say {@code grant_type=password&client_id=behalf-cli}, a public client with no
 * PKCE code, where Spring answered a bare 401: {@link #ENTRY_POINT}) and for a client whose
 * authentication failed (a wrong secret, an unknown id: {@link OAuthErrorResponses}).
 */
final class InvalidClient {

    /** The endpoints a client authenticates at (and whose parameters come in the body only, {@link OAuthRequestRules}). */
    static final RequestMatcher ENDPOINTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/token"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/introspect"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/revoke"));

    static final AuthenticationEntryPoint ENTRY_POINT = (request, response, failure) -> write(response);

    static void write(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"behalf\"");
        OAuthErrorAnswer.write(response, HttpServletResponse.SC_UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT,
                "The client is not authenticated: send its id and secret, or, for a public client, its id with a PKCE code, "
                        + "a refresh token, a token exchange or a revocation.");
    }

    private InvalidClient() {
    }
}
