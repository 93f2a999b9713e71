package org.behalf.identity.signin;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused by the throttle without its password being checked: answered 429 with
 * {@code Retry-After} (SECURITY-CASES 37, docs/security.md rule 37), in words that say to wait. It
 * says nothing of the account: an unknown name is throttled exactly like a known one
 * (SECURITY-CASES 27).
 */
public class SignInThrottled extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottled(Duration retryAfter) {
        super("Too many sign-in attempts");
        this.retryAfter = retryAfter;
    }

    /** Until the window that refused it ends. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
