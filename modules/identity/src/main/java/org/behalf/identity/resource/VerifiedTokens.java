package org.behalf.identity.resource;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.behalf.kernel.Unavailable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens whose signature has been verified, so that a client making many calls with one
 * token costs one ECDSA verification, not one per call (ES256 verification dominates a request's
 * CPU on JDK 17). Only the signature check is remembered, keyed by the whole token string: every
 * call still runs every validator (expiry, audience, issuer, revocation).
 */
final class VerifiedTokens implements JwtDecoder {

    private static final int MAX_ENTRIES = 20_000;

    private final JwtDecoder signatureOnly;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> validator) {
        this.signatureOnly = signatureOnly;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            try {
                jwt = signatureOnly.decode(token);
            } catch (JwtException unread) {
                if (Unavailable.forFailure(unread, false).isPresent()) {
                    throw new KeysUnreadable(unread);
                }
                throw unread;
            }
            if (verified.size() >= MAX_ENTRIES) {
                Instant now = Instant.now();
                verified.values().removeIf(old -> old.getExpiresAt() == null || old.getExpiresAt().isBefore(now));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("The token is not valid", result.getErrors());
        }
        return jwt;
    }

    /**
     * The signing keys could not be read (the database did not answer, SigningKeys reads them every
     * 30 s): the token was not checked, not found bad. Nimbus's decoder turns whatever its key
     * source throws into a {@code BadJwtException}, which the bearer filter answers 401
     * {@code invalid_token}, and RFC 6750 section 3.1 tells a client to throw that token away (black-box
     * finding, 2026-12-07: a good token answered "invalid, expired or revoked" after 3 s on a node
     * whose database was down). Not an {@code AuthenticationException}, so it passes the bearer
     * filter to the server's {@code DatabaseOutage}, which answers 503 with {@code Retry-After}
     * (kernel's {@link Unavailable}), as a revocation check that cannot reach the database already is.
     */
    static final class KeysUnreadable extends RuntimeException {
        KeysUnreadable(JwtException cause) {
            super("The signing keys could not be read", cause);
        }
    }
}
