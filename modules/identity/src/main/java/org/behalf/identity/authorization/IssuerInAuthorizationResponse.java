package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses carry {@code iss} (RFC 9207 section 2), so that a client talking to
 * several servers can tell which one answered (mix-up attacks; SECURITY-CASES 18). Error
 * responses too (RFC 9207 section 2: "in both success and error responses"); an error is sent to
 * the client only once its redirect URI was checked, otherwise it is a page here (RFC 6749
 * section 4.1.2.1; SECURITY-CASES 11).
 */
final class IssuerInAuthorizationResponse implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(answer.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, encode(answer.getAuthorizationCode().getTokenValue()));
        send(request, response, uri, answer.getState());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        OAuth2AuthorizationCodeRequestAuthenticationToken attempt =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                        ? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
        // Spring Authorization Server sets the redirect URI on the failed request only once it matched the client's.
        if (attempt == null || attempt.getRedirectUri() == null || attempt.getRedirectUri().isBlank()) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), error.toString());
            return;
        }
        // Plain words, as the token endpoint's (docs/security.md rule 39); the page above reads Spring's own.
        error = OAuthErrorResponses.inWords(error);
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
        if (error.getDescription() != null) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        if (error.getUri() != null) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
        }
        send(request, response, uri, attempt.getState());
    }

    private void send(HttpServletRequest request, HttpServletResponse response, UriComponentsBuilder uri, String state)
            throws IOException {
        if (state != null) {
            uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
        }
        uri.queryParam("iss", encode(AuthorizationServerContextHolder.getContext().getIssuer()));
        redirects.sendRedirect(request, response, uri.build(true).toUriString());
    }

    private static String encode(String value) {
        return UriUtils.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
