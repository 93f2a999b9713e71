package org.behalf.delegation.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.delegation.DelegationSlice;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.RowLocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token exchange's lock on its grant (SECURITY-CASES 7): shared between exchanges, exclusive
 * against a revocation either way round.
 */
class GrantSharedLockTest extends DelegationSlice {

    @Autowired
    GrantSharedLock shared;
    @Autowired
    GrantRepository grants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void exchangesShareTheLockARevocationWaitsForThemAndTheyWaitForARevocation() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Grant grant = new Grant(OpaqueIds.next("grt"), member, signUp(), "helper@example.org", GrantStatus.ACTIVE, Set.of("profile:write"), Set.of(),
                null, null, null, Map.of(), null, ZoneId.of("UTC"), List.of(), now, now.plus(Duration.ofDays(30)), now, null, null);
        grants.insert(grant);

        // One exchange holds the grant's lock until it commits...
        RowLocks.whileHeldElsewhere(transaction, jdbc, () -> shared.limits(grant.id()), () -> {
            // ...another goes on beside it...
            assertThat(shared.limits(grant.id())).get().extracting(GrantLimits::status).isEqualTo(GrantStatus.ACTIVE);
            // ...but a revocation (which locks the row to write it) waits for them.
            assertThatThrownBy(() -> grants.lock(grant.id())).isInstanceOf(PessimisticLockingFailureException.class);
        });
        // And an exchange waits for a revocation in flight.
        RowLocks.whileHeldElsewhere(transaction, jdbc, () -> grants.lock(grant.id()),
                () -> assertThatThrownBy(() -> shared.limits(grant.id())).isInstanceOf(PessimisticLockingFailureException.class));
    }
}
