package org.behalf.identity.authorization;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * A refusal of an authorization request sent to the client's redirect URI, with {@code state} and
 * {@code iss} like Spring's own ({@link IssuerInAuthorizationResponse}), by checks that run after
 * Spring's, once the redirect URI has been matched to the client's (RFC 6749 section 4.1.2.1).
 */
final class ToTheClient {

    private ToTheClient() {
    }

    static OAuth2AuthorizationCodeRequestAuthenticationException refusal(OAuth2AuthorizationCodeRequestAuthenticationContext context,
                                                                         OAuth2Error error) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String redirect = request.getRedirectUri() != null ? request.getRedirectUri()
                : context.getRegisteredClient().getRedirectUris().size() == 1
                ? context.getRegisteredClient().getRedirectUris().iterator().next() : null;
        OAuth2AuthorizationCodeRequestAuthenticationToken attempt = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                redirect, request.getState(), request.getScopes(), request.getAdditionalParameters());
        return new OAuth2AuthorizationCodeRequestAuthenticationException(error, attempt);
    }
}
