package org.behalf.identity.tokens;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drops the rows of expired client-credentials and delegation tokens, which would otherwise grow
 * by one per token issued. An expired token is refused by its {@code exp} before any look-up, and
 * introspection answers an unknown token as inactive, so nothing a caller sees changes.
 */
@Component
class ExpiredTokenSweeper {

    private final HashedAuthorizationService authorizations;
    private final Clock clock;

    ExpiredTokenSweeper(HashedAuthorizationService authorizations, Clock clock) {
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${behalf.identity.token-sweep-interval:10m}", initialDelayString = "${behalf.identity.token-sweep-interval:10m}")
    void sweep() {
        authorizations.deleteExpired(clock.instant());
    }
}
