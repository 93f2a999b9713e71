package org.behalf.identity.api;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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
 *
 * <p>A value that cannot work stops start-up here, naming the property and where it came from (the
 * environment variable): an issuer without its scheme and a lifetime of zero or less were refused
 * only later, by Spring Authorization Server, as "issuer must be a valid URL" or
 * "accessTokenTimeToLive must be greater than Duration.ZERO" (black-box finding, 2026-12-07).
 */
@Validated
@ConfigurationProperties("behalf.identity")
public record IdentitySettings(@Pattern(regexp = "https?://[^/?#\\s]+(/[^?#\\s]*)?", message = ISSUER_WORDS) String issuer,
                               @DefaultValue("10m") @NotNull @DurationMin(nanos = 1, message = ACCESS_WORDS) Duration accessTokenLifetime,
                               @DefaultValue("14d") @NotNull @DurationMin(nanos = 1, message = REFRESH_WORDS) Duration refreshTokenLifetime,
                               @DefaultValue("2m") @NotNull @DurationMin(nanos = 1, message = "must be longer than zero, such as 2m") Duration codeLifetime,
                               @DefaultValue("") String consoleClientSecret,
                               @DefaultValue("100ms") @NotNull Duration revocationPoll,
                               @DefaultValue("500ms") @NotNull Duration revocationBound,
                               @DefaultValue("10m") @NotNull Duration tokenSweepInterval,
                               @DefaultValue("no-reply@behalf.invalid") @NotBlank String mailFrom) {

    // The variables' names in the words: the origin Boot reports is config/application.yml's line, not the variable.
    private static final String ISSUER_WORDS = "BEHALF_ISSUER must be the URL clients reach this server at, with its scheme "
            + "and without a query or fragment, such as https://id.example.com";
    private static final String ACCESS_WORDS = "BEHALF_ACCESS_TOKEN_LIFETIME must be longer than zero, such as 10m";
    private static final String REFRESH_WORDS = "BEHALF_REFRESH_TOKEN_LIFETIME must be longer than zero, such as 14d";

    public IdentitySettings {
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
    }

    /**
     * The issuer a request is answered under: the configured one, else (a development server) the URL
     * the request reached, which the server's {@code DevelopmentOnThisMachine} keeps to this machine's
     * names (docs/security.md rule 38).
     */
    public String issuer(HttpServletRequest request) {
        return issuer != null ? issuer : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
