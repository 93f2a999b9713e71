package org.behalf.identity.keys;

import java.util.Map;

import org.behalf.identity.api.PlatformSigner;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** {@link PlatformSigner} through the same encoder (and so the same key and signer) as access tokens. */
@Component
class PlatformJwtSigner implements PlatformSigner {

    private final Es256TokenEncoder encoder;

    PlatformJwtSigner(SigningKeys keys) {
        this.encoder = new Es256TokenEncoder(keys);
    }

    @Override
    public String sign(String type, Map<String, Object> claims) {
        JwtClaimsSet.Builder set = JwtClaimsSet.builder();
        claims.forEach(set::claim);
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).type(type).build(), set.build()))
                .getTokenValue();
    }
}
