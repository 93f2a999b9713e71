package org.behalf.identity.api;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The authorization server's settings, from {@code behalf.identity.*} (docs/oauth.md). Public, as
 * other modules read the issuer (the events module's transmitter metadata and webhook address
 * rules, the server's start-up checks).
 *
 * @param issuer               the exact issuer URL; empty means the URL the server is reached at
 * @param accessTokenLifetime  lifetime of access tokens (delegation tokens are capped separately)
 * @param refreshTokenLifetime lifetime of refresh tokens (each use rotates them)
 * @param codeLifetime         lifetime of authorization codes
 * @param consoleClientSecret  the console client's secret; shared by every node. Empty: a development secret
 * @param revocationPoll       how often each node reads the revocations made on any node
 * @param revocationBound      the longest a node answers from memory without a good reading (docs/security.md rule 44)
 * @param tokenSweepInterval   how often the rows of expired client-credentials and delegation tokens are dropped (read by the scheduler)
 * @param mailFrom             the sender of password-reset mail
 */
@Validated
@ConfigurationProperties("behalf.identity")
public record IdentitySettings(String issuer,
                               @DefaultValue("10m") @NotNull Duration accessTokenLifetime,
                               @DefaultValue("14d") @NotNull Duration refreshTokenLifetime,
                               @DefaultValue("2m") @NotNull Duration codeLifetime,
                               @DefaultValue("") String consoleClientSecret,
                               @DefaultValue("100ms") @NotNull Duration revocationPoll,
                               @DefaultValue("500ms") @NotNull Duration revocationBound,
                               @DefaultValue("10m") @NotNull Duration tokenSweepInterval,
                               @DefaultValue("no-reply@behalf.invalid") @NotBlank String mailFrom) {

    public IdentitySettings {
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
    }
}
