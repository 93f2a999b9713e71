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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.behalf.delegation.DelegationSlice;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.kernel.OpaqueIds;
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

        // One exchange holds the grant's lock until it commits.
        holding(() -> shared.limits(grant.id()), () -> {
            // Another exchange goes on beside it...
            assertThat(shared.limits(grant.id())).get().extracting(GrantLimits::status).isEqualTo(GrantStatus.ACTIVE);
            return null;
        });
        holding(() -> shared.limits(grant.id()), () -> {
            // ...but a revocation (which locks the row to write it) waits for it.
            assertThatThrownBy(() -> grants.lock(grant.id())).isInstanceOf(PessimisticLockingFailureException.class);
            return null;
        });
        holding(() -> grants.lock(grant.id()), () -> {
            // And an exchange waits for a revocation in flight.
            assertThatThrownBy(() -> shared.limits(grant.id())).isInstanceOf(PessimisticLockingFailureException.class);
            return null;
        });
    }

    /** Runs {@code check} in a transaction that waits at most a second for a lock, while another transaction holds what {@code lock} takes. */
    private void holding(Runnable lock, java.util.function.Supplier<Void> check) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            lock.run();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            transaction.executeWithoutResult(tx -> {
                jdbc.execute("SET SESSION innodb_lock_wait_timeout = 1");
                try {
                    check.get();
                } finally {
                    jdbc.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
            });
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
