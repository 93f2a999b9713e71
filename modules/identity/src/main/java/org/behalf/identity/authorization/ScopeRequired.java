package org.behalf.identity.authorization;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * An authorization request names its scopes: without {@code scope}, RFC 6749 section 3.3 lets the
 * server either assume a documented default or fail the request as {@code invalid_scope}. Behalf
 * fails it, sent to the client (its redirect URI has matched by now): a default would be every scope
 * the client registered, given silently to a first-party client with no consent page, and an empty
 * consent page for anyone else, whose Allow then answered {@code access_denied} (black-box finding).
 */
final class ScopeRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!request.getScopes().isEmpty()) {
            return;
        }
        throw ToTheClient.refusal(context, new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
                "The request names no scope: ask for the scopes the app needs (RFC 6749 section 3.3); there is no default.", null));
    }
}
