package org.behalf.identity.authorization;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection tells a client only about its own tokens (SECURITY-CASES 16; RFC 7662 section 4:
 * the server may decline to reveal a token to a client it was not meant for): a token of another
 * client is answered as inactive, exactly like an unknown one.
 */
final class AudienceRestrictedIntrospection implements AuthenticationProvider {

    private final AuthenticationProvider stock;

    AudienceRestrictedIntrospection(AuthenticationProvider stock) {
        this.stock = stock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = stock.authenticate(authentication);
        if (result instanceof OAuth2TokenIntrospectionAuthenticationToken answer && answer.getTokenClaims().isActive()
                && answer.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
            String asking = client.getRegisteredClient().getClientId();
            OAuth2TokenIntrospection claims = answer.getTokenClaims();
            boolean own = asking.equals(claims.getClientId()) || (claims.getAudience() != null && claims.getAudience().contains(asking));
            if (!own) {
                return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(), client, OAuth2TokenIntrospection.builder().build());
            }
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return stock.supports(authentication);
    }
}
