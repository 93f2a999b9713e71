package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The error answers of the client-authenticated endpoints (token, introspection, revocation) and of
 * client authentication itself, in RFC 6749 section 5.2's JSON (docs/security.md rule 39). Every
 * {@code invalid_client} is {@link InvalidClient}'s 401 with its {@code WWW-Authenticate} challenge:
 * Spring Authorization Server answered a failed client authentication with a 401 without it, and an
 * endpoint's own {@code invalid_client} with a 400. Anything else is a 400 with the error as it was
 * raised; for client authentication only its code, as Spring answered it, since the description of a
 * failed authentication says which credential was wrong.
 */
final class OAuthErrorResponses implements AuthenticationFailureHandler {

    private final boolean describe;

    private OAuthErrorResponses(boolean describe) {
        this.describe = describe;
    }

    /** For the client authentication filter, which runs ahead of each client-authenticated endpoint. */
    static OAuthErrorResponses clientAuthentication() {
        return new OAuthErrorResponses(false);
    }

    /** For the token, introspection and revocation endpoints' own refusals. */
    static OAuthErrorResponses endpoint() {
        return new OAuthErrorResponses(true);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
            InvalidClient.write(response);
            return;
        }
        OAuthErrorAnswer.write(response, HttpStatus.BAD_REQUEST.value(), describe ? error : new OAuth2Error(error.getErrorCode()));
    }
}
