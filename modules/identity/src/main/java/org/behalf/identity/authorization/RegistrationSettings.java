package org.behalf.identity.authorization;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many clients one address may register through RFC 7591 dynamic registration, from
 * {@code behalf.identity.dynamic-registration.*} ({@link RegistrationLimit}).
 *
 * @param maxPerAddress registrations a client address may try per window before {@code 429}
 * @param window        the window the registrations are counted in
 */
@Validated
@ConfigurationProperties("behalf.identity.dynamic-registration")
record RegistrationSettings(@DefaultValue("10") @Positive int maxPerAddress,
                            @DefaultValue("1h") @NotNull Duration window) {
}
