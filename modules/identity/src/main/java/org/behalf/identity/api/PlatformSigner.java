package org.behalf.identity.api;

import java.util.Map;

/**
 * Signs a JWT with the platform's current ES256 key, the one whose public part {@code /oauth2/jwks}
 * publishes, so that other modules' signed documents (Shared Signals SETs, RFC 8417) verify against
 * the same key set as tokens do. The header's {@code alg} and {@code kid} are always the key's.
 */
public interface PlatformSigner {

    /**
     * The compact JWT of {@code claims} with header {@code typ} (e.g. {@code secevent+jwt});
     * {@link java.time.Instant} values become NumericDate seconds, a list {@code aud} an audience.
     */
    String sign(String type, Map<String, Object> claims);
}
