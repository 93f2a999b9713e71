package org.behalf.identity.authorization;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for a public client registered with the refresh grant ({@code behalf-cli}), so a
 * command-line user signs in once per refresh lifetime, the way {@code gh} and {@code gcloud} work.
 * Spring's generator gives a public client none unless it is DPoP-bound; OAuth 2.1 section 4.3.1
 * allows them when they rotate on every use and a reused one revokes the whole family, which every
 * client's tokens here do ({@code reuseRefreshTokens(false)}, {@code HashedAuthorizationService}).
 * The value is as Spring's: 96 random bytes, base64url. Other clients fall through to Spring's.
 */
final class PublicClientRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !client.getClientAuthenticationMethods().equals(Set.of(ClientAuthenticationMethod.NONE))
                || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            return null;
        }
        byte[] value = new byte[96];
        RANDOM.nextBytes(value);
        Instant issuedAt = Instant.now();
        return new OAuth2RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(value), issuedAt,
                issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive()));
    }
}
