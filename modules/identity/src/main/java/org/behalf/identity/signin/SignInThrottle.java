package org.behalf.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in the database, so that every node
 * sees the same counts (SECURITY-CASES 29). Past the limit within the window, sign-in is refused
 * whatever the password, with the same answer as a wrong password; an unknown account is
 * throttled exactly like a known one (SECURITY-CASES 27).
 */
@Component
class SignInThrottle {

    private final WindowCounts counts;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    /** {@code behalf_signin_throttled_total}: sign-ins refused by the throttle (password never checked). */
    private final Counter throttled;

    SignInThrottle(WindowCounts counts, Clock clock, MeterRegistry meters, SignInSettings settings) {
        this.counts = counts;
        this.clock = clock;
        this.perAccount = settings.maxFailuresPerAccount();
        this.perAddress = settings.maxFailuresPerAddress();
        this.window = settings.window();
        this.throttled = Counter.builder("behalf.signin.throttled")
                .description("Sign-ins refused because an account or address was past its limit").register(meters);
    }

    /**
     * Counts one attempt on the account and from the address; answers null when it may be checked
     * (neither count is past its limit), else how long until the window that refused it ends (for
     * {@code Retry-After}). Attempts, not failures, are counted, so that parallel guesses cannot all
     * slip in before the first failure is written.
     */
    Duration wait(String account, String address) {
        WindowCounts.Count onAccount = counts.increment("acct:" + account, window);
        WindowCounts.Count fromAddress = counts.increment("addr:" + address, window);
        Instant until = null;
        if (onAccount.count() > perAccount) {
            until = onAccount.windowStart().plus(window);
        }
        if (fromAddress.count() > perAddress) {
            Instant addressUntil = fromAddress.windowStart().plus(window);
            until = until == null || addressUntil.isAfter(until) ? addressUntil : until;
        }
        if (until == null) {
            return null;
        }
        throttled.increment();
        return Duration.between(clock.instant(), until);
    }

    /** A success clears the account's count and gives its attempt back to the address. */
    void succeeded(String account, String address) {
        counts.reset("acct:" + account);
        counts.decrement("addr:" + address);
    }
}
