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
 *
 * <p>Every description is plain words (docs/security.md rule 39, "never a parser's or library's
 * message"), here and in the errors sent to a client's redirect URI ({@link IssuerInAuthorizationResponse}):
 * {@link #inWords} rewords Spring Authorization Server's "OAuth 2.0 Parameter: name" and drops the
 * error_uri it sends with it.
 */
final class OAuthErrorResponses implements AuthenticationFailureHandler {

    /** How Spring Authorization Server describes every error it raises itself. */
    private static final String SPRING = "OAuth 2.0 Parameter: ";

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
        OAuthErrorAnswer.write(response, HttpStatus.BAD_REQUEST.value(), describe ? inWords(error) : new OAuth2Error(error.getErrorCode()));
    }

    /** The error with Spring's description, "OAuth 2.0 Parameter: name", in words; any other is already Behalf's own. */
    static OAuth2Error inWords(OAuth2Error error) {
        String description = error.getDescription();
        if (description == null || !description.startsWith(SPRING)) {
            return error;
        }
        String parameter = description.substring(SPRING.length());
        String words = switch (error.getErrorCode() + " " + parameter) {
            case "invalid_request code_challenge" -> "PKCE is required: send a code_challenge made with S256 (RFC 7636).";
            case "invalid_request code_challenge_method" -> "Only code_challenge_method=S256 is accepted (RFC 7636 section 4.3).";
            case "invalid_request redirect_uri" -> "The redirect_uri is missing or is not one the client registered.";
            case "invalid_request state" -> "The consent answered is not one in progress: it expired or was answered already.";
            case "invalid_scope scope" -> "A scope asked for is not one the client registered.";
            case "unsupported_grant_type grant_type" -> "This grant type is not offered: use authorization_code, refresh_token, "
                    + "client_credentials or token exchange.";
            case "unauthorized_client client_id" -> "The client is not registered for this grant type.";
            case "access_denied client_id" -> "The person declined.";
            case "login_required prompt" -> "The person is not signed in, and prompt=none asked not to show the sign-in page.";
            case "consent_required prompt" -> "The person has not allowed this app, and prompt=none asked not to show the consent page.";
            default -> "The parameter " + parameter + " is missing, sent more than once, or not valid.";
        };
        return new OAuth2Error(error.getErrorCode(), words, null);
    }
}
