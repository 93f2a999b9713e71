package org.behalf.identity.resource;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
            jwt = signatureOnly.decode(token);
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
}
