package org.behalf.identity.authorization;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A request to a client-authenticated endpoint that no client authentication matched (say
 * {@code grant_type=password&client_id=behalf-cli}, a public client with no PKCE code): RFC 6749
 * section 5.2's {@code invalid_client} with its JSON body and a {@code WWW-Authenticate} challenge,
 * where Spring answered a bare 401 (docs/security.md rule 39).
 */
final class InvalidClient {

    static final RequestMatcher ENDPOINTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/token"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/introspect"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/revoke"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/par"));

    static final AuthenticationEntryPoint ENTRY_POINT = (request, response, failure) -> {
        response.setHeader("WWW-Authenticate", "Basic realm=\"behalf\"");
        OAuthErrorAnswer.write(response, HttpServletResponse.SC_UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT,
                "The client is not authenticated: send its id and secret, or, for a public client, its id with a PKCE code, "
                        + "a refresh token or a token exchange.");
    };

    private InvalidClient() {
    }
}
