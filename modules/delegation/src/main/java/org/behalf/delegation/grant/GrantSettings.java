package org.behalf.delegation.grant;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of grants (DESIGN.md section 2 rule 3) and of the delegation tokens they give, from
 * {@code behalf.delegation.*}.
 *
 * @param maxOpenGrants   pending plus active grants a holder may have at once
 * @param defaultLifetime a grant's lifetime when the holder names no expiry
 * @param maxLifetime     the longest lifetime a grant may have
 * @param tokenLifetime   lifetime of delegation tokens; capped at 10 minutes, and never past the grant
 * @param sweepInterval   how often grants past their expiry (or pending past 7 days) are stored and recorded as such (read by the scheduler)
 */
@Validated
@ConfigurationProperties("behalf.delegation")
public record GrantSettings(@DefaultValue("5") @Positive int maxOpenGrants,
                            @DefaultValue("30d") @NotNull Duration defaultLifetime,
                            @DefaultValue("365d") @NotNull Duration maxLifetime,
                            @DefaultValue("10m") @NotNull Duration tokenLifetime,
                            @DefaultValue("60s") @NotNull Duration sweepInterval) {
}
