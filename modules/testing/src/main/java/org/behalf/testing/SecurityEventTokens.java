package org.behalf.testing;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Security Event Tokens as a Shared Signals receiver checks them, with Nimbus, independently of
 * the server's signer: shared by the events module's own tests and the server's journeys.
 */
public final class SecurityEventTokens {

    /** OpenID CAEP 1.0 section 3.1. */
    public static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    /** OpenID CAEP 1.0 section 3.2. */
    public static final String CLAIMS_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/token-claims-change";
    /** OpenID SSF 1.0 section 8.1.4.1. */
    public static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";
    /** Push delivery, RFC 8935. */
    public static final String PUSH = "urn:ietf:rfc:8935";

    private SecurityEventTokens() {
    }

    /**
     * RFC 8417 section 2.3 and RFC 8935 section 2: ES256 by one of {@code keys} (its {@code kid}),
     * {@code typ secevent+jwt}, from {@code issuer}, for {@code audience} alone, with an {@code iat};
     * answers its claims, or fails the test saying which check did not hold.
     */
    public static JWTClaimsSet verified(String compact, JWKSet keys, String audience, String issuer) {
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            check(JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()), "alg is " + jwt.getHeader().getAlgorithm());
            check(new JOSEObjectType("secevent+jwt").equals(jwt.getHeader().getType()), "typ is " + jwt.getHeader().getType());
            ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            check(key != null, "no published key " + jwt.getHeader().getKeyID());
            check(jwt.verify(new ECDSAVerifier(key)), "the signature does not verify");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            check(List.of(audience).equals(claims.getAudience()), "aud is " + claims.getAudience());
            check(issuer.equals(claims.getIssuer()), "iss is " + claims.getIssuer());
            check(claims.getIssueTime() != null, "no iat");
            return claims;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a signed JWT: " + e.getMessage(), e);
        }
    }

    /** The one of {@code sets} whose {@code events} holds {@code type}. */
    public static JWTClaimsSet ofType(List<JWTClaimsSet> sets, String type) {
        try {
            for (JWTClaimsSet set : sets) {
                if (set.getJSONObjectClaim("events").containsKey(type)) {
                    return set;
                }
            }
        } catch (ParseException e) {
            throw new AssertionError("events is not an object", e);
        }
        throw new AssertionError("no SET of type " + type);
    }

    /** A JSON object's member that is an object itself ({@code sub_id}'s parts, an event). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> member(Map<String, Object> object, String name) {
        return (Map<String, Object>) object.get(name);
    }

    private static void check(boolean holds, String otherwise) {
        if (!holds) {
            throw new AssertionError(otherwise);
        }
    }
}
