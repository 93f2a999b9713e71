package org.behalf.delegation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A grant's status as it stands at a moment: the stored one, or expired or lapsed by the clock. */
class GrantStatusTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(30));

    @Test
    void anOpenGrantExpiresAtItsExpiryToTheMillisecond() {
        assertThat(GrantStatus.ACTIVE.at(EXPIRES.minusMillis(1), CREATED, EXPIRES)).isEqualTo(GrantStatus.ACTIVE);
        assertThat(GrantStatus.ACTIVE.at(EXPIRES, CREATED, EXPIRES)).isEqualTo(GrantStatus.EXPIRED);
        assertThat(GrantStatus.PENDING.at(EXPIRES, CREATED, CREATED.plus(Duration.ofDays(3)))).isEqualTo(GrantStatus.EXPIRED);
    }

    @Test
    void aPendingGrantLapsesSevenDaysAfterItWasMade() {
        Instant lapse = CREATED.plus(Grant.PENDING_LIFETIME);
        assertThat(GrantStatus.PENDING.at(lapse.minusMillis(1), CREATED, EXPIRES)).isEqualTo(GrantStatus.PENDING);
        assertThat(GrantStatus.PENDING.at(lapse, CREATED, EXPIRES)).isEqualTo(GrantStatus.LAPSED);
        assertThat(GrantStatus.ACTIVE.at(lapse, CREATED, EXPIRES)).isEqualTo(GrantStatus.ACTIVE);
    }

    @Test
    void anEndedGrantKeepsWhyItEndedPastItsExpiry() {
        Instant later = EXPIRES.plus(Duration.ofDays(1));
        for (GrantStatus ended : new GrantStatus[] {GrantStatus.REVOKED, GrantStatus.RESIGNED, GrantStatus.DECLINED}) {
            assertThat(ended.at(later, CREATED, EXPIRES)).isEqualTo(ended);
        }
    }
}
