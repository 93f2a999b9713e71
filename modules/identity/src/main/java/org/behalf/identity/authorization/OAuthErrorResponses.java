package org.behalf.identity.authorization;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * error_uri it sends with it, and words an error Spring raised with its code alone (black-box finding:
 * a bare invalid_grant, invalid_scope or unauthorized_client).
 */
final class OAuthErrorResponses implements AuthenticationFailureHandler {

    /**
     * How Spring Authorization Server describes an error it raises itself: "OAuth 2.0 Parameter: name",
     * at introspection "OAuth 2.0 Token Introspection Parameter: token", at revocation "OAuth 2.0 Token
     * Revocation Parameter: token".
     */
    private static final Pattern SPRING = Pattern.compile("OAuth 2\\.0 (?:[A-Za-z ]+ )?Parameter: (\\S+)");

    private static final String UNSUPPORTED_GRANT_TYPE = "This grant type is not offered: use authorization_code, refresh_token, "
            + "client_credentials or token exchange.";

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
        OAuthErrorAnswer.write(response, HttpStatus.BAD_REQUEST.value(), describe ? inWords(error)
                : new OAuth2Error(error.getErrorCode(), clientAuthenticationWords(error.getErrorCode()), null));
    }

    /**
     * What a failed client authentication that is not invalid_client says, by its code alone: Spring's
     * description could say which credential was wrong. A public client's code_verifier is checked
     * here (RFC 7636 section 4.6), so a wrong one is this invalid_grant.
     */
    private static String clientAuthenticationWords(String code) {
        return switch (code) {
            case OAuth2ErrorCodes.INVALID_GRANT -> "The code is not valid for this client, or the code_verifier does not match "
                    + "the code_challenge sent with the sign-in request (RFC 7636).";
            case OAuth2ErrorCodes.INVALID_REQUEST -> "The client's credentials could not be read: send the client id and secret once, "
                    + "either in the Authorization header (Basic, each part form-encoded) or in the form.";
            default -> byCode(code);
        };
    }

    /**
     * Words for an error Spring Authorization Server raised with its code alone (a refused refresh
     * token, a scope not registered, a grant type the client may not use): a bare code told nobody why.
     * Null for a code without them (an authorization response's access_denied is the person's, not the request's).
     */
    private static String byCode(String code) {
        return switch (code) {
            case OAuth2ErrorCodes.INVALID_GRANT -> "The code or refresh token is not valid: it is unknown, expired, revoked or "
                    + "already used, was issued to another client, or the redirect_uri or code_verifier does not match the sign-in request.";
            case OAuth2ErrorCodes.INVALID_SCOPE -> "A scope asked for is not one the client may have: the client is not registered "
                    + "for it, or it is more than the sign-in gave.";
            case OAuth2ErrorCodes.UNAUTHORIZED_CLIENT -> "The client is not registered for this grant type.";
            case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> UNSUPPORTED_GRANT_TYPE;
            case OAuth2ErrorCodes.UNSUPPORTED_TOKEN_TYPE -> "This kind of token cannot be revoked here.";
            case OAuth2ErrorCodes.INVALID_REQUEST -> "The request is missing a parameter, or one of them is not valid.";
            default -> null;
        };
    }

    /** The error with Spring's description, "OAuth 2.0 Parameter: name", in words; any other is already Behalf's own. */
    static OAuth2Error inWords(OAuth2Error error) {
        String description = error.getDescription();
        if (description == null || description.isBlank()) {
            String words = byCode(error.getErrorCode());
            return words == null ? error : new OAuth2Error(error.getErrorCode(), words, error.getUri());
        }
        Matcher spring = SPRING.matcher(description);
        if (!spring.matches()) {
            return error;
        }
        String parameter = spring.group(1);
        String words = switch (error.getErrorCode() + " " + parameter) {
            case "invalid_request code_challenge" -> "PKCE is required: send a code_challenge made with S256 (RFC 7636).";
            case "invalid_request code_challenge_method" -> "Only code_challenge_method=S256 is accepted (RFC 7636 section 4.3).";
            case "invalid_request redirect_uri" -> "The redirect_uri is missing or is not one the client registered.";
            case "invalid_request state" -> "The consent answered is not one in progress: it expired or was answered already.";
            case "invalid_scope scope" -> "A scope asked for is not one the client registered.";
            case "unsupported_grant_type grant_type" -> UNSUPPORTED_GRANT_TYPE;
            case "invalid_request token" -> "The token parameter is missing or sent more than once: send the one token to look up or revoke.";
            case "unauthorized_client client_id" -> "The client is not registered for this grant type.";
            case "access_denied client_id" -> "The person declined.";
            case "login_required prompt" -> FreshSignIn.NOT_SIGNED_IN;
            case "consent_required prompt" -> "The person has not allowed this app, and prompt=none asked not to show the consent page.";
            default -> "The parameter " + parameter + " is missing, sent more than once, or not valid.";
        };
        return new OAuth2Error(error.getErrorCode(), words, null);
    }
}
