package org.behalf.identity.signin;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The password sign-in throttle, from {@code behalf.identity.sign-in.*} ({@link SignInThrottle}).
 *
 * @param maxFailuresPerAccount sign-in attempts on one account within the window before it is throttled
 * @param maxFailuresPerAddress sign-in attempts from one client address within the window before it is throttled
 * @param window                the window attempts are counted in
 */
@Validated
@ConfigurationProperties("behalf.identity.sign-in")
public record SignInSettings(@DefaultValue("10") @Positive int maxFailuresPerAccount,
                             @DefaultValue("100") @Positive int maxFailuresPerAddress,
                             @DefaultValue("15m") @NotNull Duration window) {
}
