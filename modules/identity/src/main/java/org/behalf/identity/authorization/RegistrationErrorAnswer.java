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
 * The registration endpoint's refusals (RFC 7591 section 3.2.2), in plain words. Spring
 * Authorization Server answers a body it cannot read or turn into client metadata ({@code null},
 * {@code []}, {@code "x"}, {@code {"redirect_uris":5}}) with {@code invalid_request} and the
 * parser's or the JVM's own message as description ("Cannot invoke \"java.util.Map.get(Object)\"
 * because \"parsedClaims\" is null"), which tells a stranger how the server is built and nothing
 * useful to the client (docs/security.md rule 39; SECURITY-CASES 24). The refusals of
 * {@link DynamicRegistration} are in plain words already and keep theirs; the status is Spring's.
 */
final class RegistrationErrorAnswer implements AuthenticationFailureHandler {

    static final String UNREADABLE = "The body must be one JSON object of client metadata (RFC 7591 section 2) naming at least "
            + "one redirect URI, each field of its type: redirect_uris and grant_types lists of text, scope and client_name text.";

    private static final String SPRINGS_CHECK = "Invalid Client Registration";
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        if (OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())) {
            error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, UNREADABLE, ERROR_URI);
        } else if (error.getDescription() != null && error.getDescription().startsWith(SPRINGS_CHECK)) {
            // Spring's own metadata checks name only the field ("Invalid Client Registration: redirect_uris").
            error = new OAuth2Error(error.getErrorCode(), plainWords(error), ERROR_URI);
        }
        OAuthErrorAnswer.write(response, status(error.getErrorCode()).value(), error);
    }

    /**
     * What Spring's check of a field refused, in plain words: an http {@code jwks_uri} was told the
     * body was not client metadata (black-box finding F1, 2026-12-07).
     */
    private static String plainWords(OAuth2Error error) {
        if ("invalid_redirect_uri".equals(error.getErrorCode())) {
            return DynamicRegistration.REDIRECTS;
        }
        return error.getDescription().endsWith("jwks_uri") ? "jwks_uri is an https URL." : UNREADABLE;
    }

    /** As Spring Authorization Server's endpoint sets it. */
    private static HttpStatus status(String code) {
        return switch (code) {
            case OAuth2ErrorCodes.INVALID_TOKEN, OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
    }
}
