package org.behalf.identity.authorization;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * A client revokes only its own tokens, and a token of another client is answered exactly like an
 * unknown one: {@code 200}, nothing revoked (RFC 7009 section 2.2: an invalid token is answered
 * 200; SECURITY-CASES 16: revocation never tells a client about tokens not meant for it). Spring
 * Authorization Server answered {@code invalid_client} for another client's live token and 200 for
 * garbage, so a client could test whether any token it found was live. Its provider refuses such a
 * token before it changes anything, and the client has authenticated by then, so that refusal is
 * the only {@code invalid_client} it can give here.
 */
final class OwnTokenRevocation implements AuthenticationProvider {

    private final AuthenticationProvider stock;

    OwnTokenRevocation(AuthenticationProvider stock) {
        this.stock = stock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return stock.authenticate(authentication);
        } catch (OAuth2AuthenticationException refused) {
            if (OAuth2ErrorCodes.INVALID_CLIENT.equals(refused.getError().getErrorCode())
                    && authentication instanceof OAuth2TokenRevocationAuthenticationToken request
                    && request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
                // Unauthenticated, as Spring's provider answers a token it does not know: the endpoint says 200.
                return request;
            }
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return stock.supports(authentication);
    }
}
