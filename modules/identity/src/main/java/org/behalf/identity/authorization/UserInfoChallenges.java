package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.SignInRequestErrors;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The bearer-token refusals of the authorization server's own protected resource, {@code /userinfo}
 * (OpenID Connect Core section 5.3.3: RFC 6750's errors), in plain words and with RFC 6750 section
 * 3's {@code WWW-Authenticate} challenge on each:
 * <ul>
 * <li>a token that does not verify (expired, revoked, signed by someone else, or an ID token, which
 * is not an access token): 401 {@code invalid_token}, saying only that, where Spring put its
 * decoder's words in the description ("Required JOSE header typ (type) parameter is missing");
 * what failed in a token is not told (docs/security.md rule 17);</li>
 * <li>a token without {@code openid}: 403 with {@code Bearer error="insufficient_scope",
 * scope="openid"} (RFC 6750 section 3.1), where Spring sent its JSON without a challenge.</li>
 * </ul>
 * A failure that is no refusal of the token (the database did not answer the look-up of the token's
 * authorization) is not answered here: it goes on up, to the server's 503 with {@code Retry-After}
 * for a database that did not answer ({@link #keepingFailures}).
 */
final class UserInfoChallenges {

    static final String INVALID_TOKEN = "The access token is invalid, expired or revoked.";
    static final String NEEDS_OPENID = "The access token does not carry the openid scope.";
    static final String NO_TOKEN = "No access token was sent: send one in the Authorization header, as Bearer.";

    private static final BearerTokenAuthenticationEntryPoint STOCK = new BearerTokenAuthenticationEntryPoint();
    private static final String FAILED = UserInfoChallenges.class.getName() + ".failed";

    private UserInfoChallenges() {
    }

    /**
     * The resource server's refusal of a token it could not verify, or of none, before the endpoint
     * ran: the challenge with the JSON body of every other refusal here, where it was empty (black-box
     * finding). It is also what Spring Security answers a program (not a browser, which is sent to
     * sign in) at the authorization endpoint without a session: that is no bearer-token resource, so
     * it is told in words that a person signs in there with a browser, where the answer pointed at the
     * API's resource metadata.
     */
    static AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            if (SignInRequestErrors.AUTHORIZATION_ENDPOINT.equals(request.getServletPath())) {
                // The error page in words, as the endpoint's other refusals before the app is checked (problem JSON for a program).
                response.sendError(HttpStatus.BAD_REQUEST.value(), SignInRequestErrors.NOT_IN_A_BROWSER);
                return;
            }
            boolean tokenSent = failure instanceof OAuth2AuthenticationException;
            STOCK.commence(request, response, tokenSent ? new OAuth2AuthenticationException(new BearerTokenError(
                    BearerTokenErrorCodes.INVALID_TOKEN, HttpStatus.UNAUTHORIZED, INVALID_TOKEN, null)) : failure);
            // RFC 6750 section 3.1: without a token the challenge names no error; the body says what to send.
            OAuthErrorAnswer.write(response, HttpStatus.UNAUTHORIZED.value(), tokenSent
                    ? new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, INVALID_TOKEN, null)
                    : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, NO_TOKEN, null));
        };
    }

    /** The endpoint's own refusals: a token it no longer finds active, or one without openid. */
    static AuthenticationFailureHandler errors() {
        return UserInfoChallenges::refuse;
    }

    /**
     * The endpoint's provider, keeping what failed in it for {@link #refuse}: Spring's userinfo filter answers any
     * exception of its provider as a refusal of the request, without the exception, and this handler answered that
     * 401 {@code invalid_token}. So a good token whose authorization the node could not read (the connection pool
     * busy, the database away) was answered "invalid, expired or revoked", which tells a client to throw it away
     * (docs/operations.md, "Running"; black-box finding, round 9, 2026-12-07).
     */
    static AuthenticationProvider keepingFailures(AuthenticationProvider provider) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                try {
                    return provider.authenticate(authentication);
                } catch (AuthenticationException refused) {
                    throw refused;
                } catch (RuntimeException failure) {
                    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                        attributes.getRequest().setAttribute(FAILED, failure);
                    }
                    throw failure;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (request.getAttribute(FAILED) instanceof RuntimeException failure) {
            // Not a refusal: up to the server's answer for it (503 with Retry-After when the database did not answer).
            throw failure;
        }
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
                : OAuth2ErrorCodes.INVALID_TOKEN;
        if (OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(code)) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", error_description=\"" + NEEDS_OPENID
                    + "\", scope=\"" + OidcScopes.OPENID + "\"");
            OAuthErrorAnswer.write(response, HttpStatus.FORBIDDEN.value(), new OAuth2Error(code, NEEDS_OPENID, null));
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + INVALID_TOKEN + "\"");
        OAuthErrorAnswer.write(response, HttpStatus.UNAUTHORIZED.value(), new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, INVALID_TOKEN, null));
    }
}
