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
 * <p>
 * A revocation without a secret is told why and what to do instead: revocation requires client
 * authentication (SECURITY-CASES 16), so a public client ({@code behalf-cli}, one registered at
 * {@code /oauth2/register}) cannot revoke its tokens at sign-out, and was answered the generic words,
 * which offered it ways it cannot use (black-box finding F8, 2026-12-07).
 */
final class InvalidClient {

    /** The endpoints a client authenticates at (and whose parameters come in the body only, {@link OAuthRequestRules}). */
    static final RequestMatcher ENDPOINTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/token"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/introspect"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/revoke"));

    private static final RequestMatcher REVOCATION = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth2/revoke");

    static final String NOT_AUTHENTICATED = "The client is not authenticated: send its id and secret, or, for a public client, "
            + "its id with a PKCE code, a refresh token or a token exchange.";

    /** Names what exists (docs/api.md, docs/console.md): the console's list of sessions, and the API's delete of one. */
    static final String REVOCATION_NEEDS_A_SECRET = "Revoking a token needs the client's id and secret: a client without a secret "
            + "(such as behalf-cli, or an app registered at /oauth2/register) cannot revoke tokens here. To end that sign-in, the person "
            + "ends it under \"Where you are signed in\" on their Account page in the console (/console/account), or a first-party "
            + "client with account:manage ends it with DELETE /api/v1/account/sessions/{id}; an access token ends by itself within "
            + "minutes, and the app can forget its tokens.";

    static final AuthenticationEntryPoint ENTRY_POINT = (request, response, failure) ->
            write(response, REVOCATION.matches(request) ? REVOCATION_NEEDS_A_SECRET : NOT_AUTHENTICATED);

    static void write(HttpServletResponse response) throws IOException {
        write(response, NOT_AUTHENTICATED);
    }

    private static void write(HttpServletResponse response, String description) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"behalf\"");
        OAuthErrorAnswer.write(response, HttpServletResponse.SC_UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT, description);
    }

    private InvalidClient() {
    }
}
