package org.behalf.identity.authorization;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The authorization server's settings, from {@code behalf.identity.*} (docs/oauth.md).
 *
 * @param issuer               the exact issuer URL; empty means the URL the server is reached at
 * @param accessTokenLifetime  lifetime of access tokens (delegation tokens are capped separately)
 * @param refreshTokenLifetime lifetime of refresh tokens (each use rotates them)
 * @param codeLifetime         lifetime of authorization codes
 * @param consoleClientSecret  the console client's secret; shared by every node
 * @param revocationPoll       how often each node reads the revocations made on any node
 * @param revocationBound      the longest a node answers from memory without a good reading (docs/security.md rule 44)
 */
@ConfigurationProperties("behalf.identity")
public record IdentitySettings(String issuer, Duration accessTokenLifetime, Duration refreshTokenLifetime,
                               Duration codeLifetime, String consoleClientSecret, Duration revocationPoll,
                               Duration revocationBound) {

    public IdentitySettings {
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(10) : accessTokenLifetime;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofDays(14) : refreshTokenLifetime;
        codeLifetime = codeLifetime == null ? Duration.ofMinutes(2) : codeLifetime;
        revocationPoll = revocationPoll == null ? Duration.ofMillis(100) : revocationPoll;
        revocationBound = revocationBound == null ? Duration.ofMillis(500) : revocationBound;
    }
}
