package org.behalf.identity.authorization;

import java.util.List;

import org.behalf.identity.api.AccessTokenCustomizer;
import org.behalf.identity.api.ProtectedResources;
import org.behalf.identity.keys.SigningKeys;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes every JWT the server signs: ES256 with the current key, and for access tokens the
 * RFC 9068 profile ({@code typ: at+jwt}, {@code aud}, {@code client_id}, {@code scope} as one
 * space-separated string), then the other modules' {@link AccessTokenCustomizer}s (delegation adds
 * {@code act} and {@code grant_id}).
 */
@Component
class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The audience of access tokens: Behalf's resource API. */
    static final String AUDIENCE = ProtectedResources.API_AUDIENCE;

    private final SigningKeys keys;
    private final List<AccessTokenCustomizer> customizers;

    AccessTokenClaims(SigningKeys keys, List<AccessTokenCustomizer> customizers) {
        this.keys = keys;
        this.customizers = customizers;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).keyId(keys.signing().getKeyID());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getJwsHeader().type("at+jwt");
        context.getClaims()
                // Mutable collections: the JDBC store reads back only allow-listed types, and JDK immutables are not.
                .audience(new java.util.ArrayList<>(List.of(AUDIENCE)))
                .claim("client_id", context.getRegisteredClient().getClientId())
                .claim("scope", String.join(" ", context.getAuthorizedScopes()));
        customizers.forEach(customizer -> customizer.customize(context));
    }
}
