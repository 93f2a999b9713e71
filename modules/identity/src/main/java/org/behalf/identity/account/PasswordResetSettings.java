package org.behalf.identity.account;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password resets, from {@code behalf.identity.password-reset.*} ({@link PasswordResets}; the
 * sender is {@code behalf.identity.mail-from}).
 *
 * @param maxPerAddress password resets a client address may ask for, and reset codes it may try, per 15 minutes before {@code 429}
 */
@Validated
@ConfigurationProperties("behalf.identity.password-reset")
public record PasswordResetSettings(@DefaultValue("20") @Positive int maxPerAddress) {
}
