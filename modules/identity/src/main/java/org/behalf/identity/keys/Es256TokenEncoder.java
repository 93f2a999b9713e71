package org.behalf.identity.keys;

import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs tokens with the current ES256 key through {@link P256Signer} (Bouncy Castle's lightweight
 * ECDSA on a shared curve: signing was most of a token request's CPU). Always ES256 with the
 * current key: the header's algorithm and key id are ours, whatever a caller asks for.
 */
public final class Es256TokenEncoder implements JwtEncoder {

    private final SigningKeys keys;
    private volatile Signing current;

    /** The signer of one key, made once per key. */
    private record Signing(ECKey key, P256Signer signer) {
    }

    public Es256TokenEncoder(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
        Signing signing = signing(keys.signing());
        ECKey key = signing.key();
        Map<String, Object> headers = new LinkedHashMap<>(parameters.getJwsHeader() == null ? Map.of() : parameters.getJwsHeader().getHeaders());
        headers.put("alg", JWSAlgorithm.ES256.getName());
        headers.put("kid", key.getKeyID());
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
        Object type = headers.get("typ");
        if (type != null) {
            header.type(new JOSEObjectType(type.toString()));
        }
        Map<String, Object> claims = parameters.getClaims().getClaims();
        try {
            SignedJWT jwt = new SignedJWT(header.build(), toNimbus(claims));
            jwt.sign(signing.signer());
            return new Jwt(jwt.serialize(), instant(claims.get("iat")), instant(claims.get("exp")), headers, claims);
        } catch (JOSEException e) {
            throw new JwtEncodingException("the token could not be signed", e);
        }
    }

    private Signing signing(ECKey key) throws JwtEncodingException {
        Signing known = current;
        if (known != null && known.key().getKeyID().equals(key.getKeyID())) {
            return known;
        }
        try {
            Signing made = new Signing(key, new P256Signer(key));
            current = made;
            return made;
        } catch (JOSEException e) {
            throw new JwtEncodingException("the signing key cannot sign", e);
        }
    }

    private static JWTClaimsSet toNimbus(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> {
            if (value instanceof Instant instant) {
                builder.claim(name, Date.from(instant));
            } else if (value instanceof URL url) {
                builder.claim(name, url.toExternalForm());
            } else if ("aud".equals(name) && value instanceof List<?> audience) {
                builder.audience(audience.stream().map(String::valueOf).toList());
            } else {
                builder.claim(name, value);
            }
        });
        return builder.build();
    }

    private static Instant instant(Object value) {
        return value instanceof Instant instant ? instant : null;
    }
}
