package org.behalf.delegation.grant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of grants (DESIGN.md section 2 rule 3), from {@code behalf.delegation.*}.
 *
 * @param maxOpenGrants   pending plus active grants a holder may have at once
 * @param defaultLifetime a grant's lifetime when the holder names no expiry
 * @param maxLifetime     the longest lifetime a grant may have
 */
@ConfigurationProperties("behalf.delegation")
public record GrantSettings(Integer maxOpenGrants, Duration defaultLifetime, Duration maxLifetime) {

    public GrantSettings {
        maxOpenGrants = maxOpenGrants == null ? 5 : maxOpenGrants;
        defaultLifetime = defaultLifetime == null ? Duration.ofDays(30) : defaultLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
    }
}
