package org.behalf.identity.member;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many accounts one client address may create, from {@code behalf.identity.sign-up.*}
 * ({@code BEHALF_SIGNUPS_PER_ADDRESS}; {@link SignUpLimit}).
 *
 * @param maxPerAddress sign-ups a client address may try per window before {@code 429}
 * @param window        the window the sign-ups are counted in
 */
@Validated
@ConfigurationProperties("behalf.identity.sign-up")
public record SignUpSettings(@DefaultValue("20") @Positive int maxPerAddress,
                             @DefaultValue("1h") @NotNull Duration window) {
}
