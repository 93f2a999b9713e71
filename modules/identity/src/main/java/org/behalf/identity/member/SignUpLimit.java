package org.behalf.identity.member;

import java.time.Clock;
import java.time.Duration;

import org.behalf.identity.api.TooManyRequests;
import org.behalf.identity.signin.WindowCounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most so many sign-ups per client address per window, counted in the database so that every
 * node sees the same count (DESIGN.md section 6, {@code POST /api/v1/members} is rate-limited;
 * SECURITY-CASES 29). Every attempt counts, whether or not it creates a member, so the limit says
 * nothing about which handles exist (SECURITY-CASES 27).
 */
@Component
class SignUpLimit {

    private final WindowCounts counts;
    private final Clock clock;
    private final int perAddress;
    private final Duration window;

    SignUpLimit(WindowCounts counts, Clock clock,
                @Value("${behalf.identity.sign-up.max-per-address:20}") int perAddress,
                @Value("${behalf.identity.sign-up.window:1h}") Duration window) {
        this.counts = counts;
        this.clock = clock;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** Counts this attempt; refuses it with 429 past the limit. */
    void take(String address) {
        WindowCounts.Count count = counts.increment("signup:" + address, window);
        if (count.count() > perAddress) {
            throw new TooManyRequests(Duration.between(clock.instant(), count.windowStart().plus(window)),
                    "Too many new accounts from this address; try again later.");
        }
    }
}
