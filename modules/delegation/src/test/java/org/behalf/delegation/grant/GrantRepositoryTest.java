package org.behalf.delegation.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.delegation.DelegationSlice;
import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.IpRange;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.RowLocks;
import org.behalf.kernel.slice.SessionStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The grant aggregate as Spring Data JDBC stores it: the columns' format, the locked reads, the statements of a delegated request's check. */
class GrantRepositoryTest extends DelegationSlice {

    @Autowired
    GrantRepository grants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** Whole seconds: the test's MariaDB keeps no fraction of a second through Connector/J (see ProfileRepositoryTest). */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Grant grant(String holder, String delegate, GrantStatus status, Instant createdAt) {
        return new Grant(OpaqueIds.next("grt"), holder, delegate, "helper@example.org", status, Set.of("profile:write", "profile:read"),
                Set.of("profile:write"), "Mind the summary", "Only the headline.", null, Map.of("profile:write", 5, "profile:read", 40),
                new AccessWindow(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(17, 30)),
                ZoneId.of("Europe/Paris"), List.of(IpRange.parse("203.0.113.0/24"), IpRange.parse("2001:db8::/32")),
                createdAt, createdAt.plus(Duration.ofDays(30)), null, null, null);
    }

    @Test
    void aGrantIsStoredInTheColumnsEarlierReleasesWroteAndReadBack() {
        Grant grant = grant(member, signUp(), GrantStatus.PENDING, now);

        grants.insert(grant);

        Map<String, Object> row = jdbc.queryForMap("SELECT status, scopes, review_scopes, quotas, window_days, window_start, window_end, "
                + "time_zone, ip_ranges, created_at, accepted_at FROM delegation_grant WHERE id = ?", grant.id());
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("scopes")).isEqualTo("profile:read profile:write");
        assertThat(row.get("review_scopes")).isEqualTo("profile:write");
        assertThat(row.get("quotas")).isEqualTo("profile:read=40 profile:write=5");
        assertThat(row.get("window_days")).isEqualTo("MONDAY,FRIDAY");
        assertThat(row.get("window_start")).isEqualTo("09:00");
        assertThat(row.get("window_end")).isEqualTo("17:30");
        assertThat(row.get("time_zone")).isEqualTo("Europe/Paris");
        assertThat(row.get("ip_ranges")).isEqualTo("203.0.113.0/24 2001:db8::/32");
        assertThat(((java.sql.Timestamp) row.get("created_at")).toInstant()).isEqualTo(now);
        assertThat(row.get("accepted_at")).isNull();
        assertThat(grants.find(grant.id())).get().usingRecursiveComparison().isEqualTo(grant);
    }

    /** The times a grant is answered with at creation are those read back later: Spring Data binds them as JdbcTemplate did. */
    @Test
    void timesAreStoredAsTheStatementsBeforeStoredThem() {
        Instant withMillis = now.plusMillis(456);
        Grant grant = grant(member, signUp(), GrantStatus.PENDING, withMillis);
        grants.insert(grant);

        // One transaction: the temporary table lives on one connection.
        java.sql.Timestamp before = transaction.execute(tx -> {
            jdbc.execute("CREATE TEMPORARY TABLE times_as_before (at TIMESTAMP(3))");
            jdbc.update("INSERT INTO times_as_before (at) VALUES (?)", java.sql.Timestamp.from(withMillis));
            java.sql.Timestamp written = jdbc.queryForObject("SELECT at FROM times_as_before", java.sql.Timestamp.class);
            jdbc.execute("DROP TEMPORARY TABLE times_as_before");
            return written;
        });

        assertThat(jdbc.queryForObject("SELECT created_at FROM delegation_grant WHERE id = ?", java.sql.Timestamp.class, grant.id()))
                .isEqualTo(before);
        assertThat(grants.find(grant.id())).get().extracting(Grant::createdAt).isEqualTo(before.toInstant());
    }

    @Test
    void aGrantWithoutLimitsStoresNullsAndReadsBackEmpty() {
        Grant bare = new Grant(OpaqueIds.next("grt"), member, null, "nobody@example.org", GrantStatus.PENDING, Set.of("profile:read"),
                Set.of(), null, null, null, Map.of(), null, ZoneId.of("UTC"), List.of(), now, now.plus(Duration.ofDays(1)), null, null, null);

        grants.insert(bare);

        Map<String, Object> row = jdbc.queryForMap("SELECT review_scopes, quotas, window_days, ip_ranges FROM delegation_grant WHERE id = ?",
                bare.id());
        assertThat(row.get("review_scopes")).isEqualTo("");
        assertThat(row.get("quotas")).isNull();
        assertThat(row.get("window_days")).isNull();
        assertThat(row.get("ip_ranges")).isNull();
        assertThat(grants.find(bare.id())).get().usingRecursiveComparison().isEqualTo(bare);
    }

    @Test
    void anUpdateWritesWhatTheHolderChangedTheTimeZoneIncluded() {
        Grant grant = grant(member, signUp(), GrantStatus.ACTIVE, now);
        grants.insert(grant);
        Grant changed = new Grant(grant.id(), grant.holderId(), grant.delegateId(), grant.invited(), GrantStatus.ACTIVE, Set.of("profile:read"),
                Set.of(), "Read only now", grant.terms(), "ab".repeat(32), Map.of(), null, ZoneId.of("America/New_York"), List.of(),
                grant.createdAt(), now.plus(Duration.ofDays(2)), now, null, null);

        transaction.executeWithoutResult(tx -> {
            grants.lock(grant.id());
            grants.update(changed);
        });

        assertThat(grants.find(grant.id())).get().usingRecursiveComparison().isEqualTo(changed);
    }

    /**
     * The check of every delegated request ({@code PATCH /api/v1/profile} under a grant is benchmarked)
     * reads the grant with one locking statement, and a request under a quota adds one locked read
     * and one write of the day's use.
     */
    @Test
    void aDelegatedRequestsCheckIsOneLockedReadOfTheGrantAndOneOfItsQuota() {
        Grant grant = grant(member, signUp(), GrantStatus.ACTIVE, now);
        grants.insert(grant);
        LocalDate day = LocalDate.of(2026, 12, 5);

        Map<String, Long> statements = transaction.execute(tx -> SessionStatements.during(jdbc, () -> {
            GrantLimits limits = grants.lockLimits(grant.id()).orElseThrow();
            assertThat(limits.scopes()).isEqualTo(grant.scopes());
            assertThat(limits.quotas()).isEqualTo(grant.quotas());
            assertThat(limits.window()).isEqualTo(grant.window());
            assertThat(limits.ipRanges()).extracting(IpRange::cidr).containsExactly("203.0.113.0/24", "2001:db8::/32");
            assertThat(limits.statusAt(now)).isEqualTo(GrantStatus.ACTIVE);
            grants.used(grant.id(), "profile:write", day);
            grants.use(grant.id(), "profile:write", day);
        }));

        assertThat(statements).containsEntry("select", 2L).containsEntry("insert", 1L).containsEntry("update", 0L);
    }

    @Test
    void aQuotaCountsPerDayAndTouchingMovesOnlyTheLastActivity() {
        Grant grant = grant(member, signUp(), GrantStatus.ACTIVE, now);
        grants.insert(grant);
        LocalDate day = LocalDate.of(2026, 12, 5);

        transaction.executeWithoutResult(tx -> {
            grants.use(grant.id(), "profile:write", day);
            grants.use(grant.id(), "profile:write", day);
            grants.use(grant.id(), "profile:write", day.plusDays(1));
            grants.touch(grant.id(), now.plusSeconds(60));
        });

        assertThat(grants.used(grant.id(), "profile:write", day)).isEqualTo(2);
        assertThat(grants.used(grant.id(), "profile:write", day.plusDays(1))).isEqualTo(1);
        assertThat(grants.used(grant.id(), "profile:read", day)).isZero();
        assertThat(jdbc.queryForObject("SELECT usage_day FROM delegation_quota_usage WHERE grant_id = ? ORDER BY usage_day LIMIT 1",
                String.class, grant.id())).isEqualTo("2026-12-05");
        assertThat(grants.find(grant.id())).get().extracting(Grant::lastActivityAt).isEqualTo(now.plusSeconds(60));
        assertThat(grants.find(grant.id())).get().extracting(Grant::scopes).isEqualTo(grant.scopes());
    }

    @Test
    void aLockedGrantWaitsForTheTransactionHoldingIt() throws Exception {
        Grant grant = grant(member, signUp(), GrantStatus.ACTIVE, now);
        grants.insert(grant);
        RowLocks.whileHeldElsewhere(transaction, jdbc, () -> grants.lock(grant.id()), () -> {
            // SECURITY-CASES 7: a request's check waits for a revocation in flight.
            assertThatThrownBy(() -> grants.lockLimits(grant.id())).isInstanceOf(PessimisticLockingFailureException.class);
            assertThatThrownBy(() -> grants.lockOpenByHolder(member)).isInstanceOf(PessimisticLockingFailureException.class);
            assertThat(grants.find(grant.id())).isPresent();
        });
    }

    @Test
    void openGrantsOfAHolderOrDelegateAreTheStoredPendingAndActiveOnes() {
        String delegate = signUp();
        Grant pending = grant(member, delegate, GrantStatus.PENDING, now);
        Grant active = grant(member, delegate, GrantStatus.ACTIVE, now);
        Grant revoked = grant(member, delegate, GrantStatus.REVOKED, now);
        List.of(pending, active, revoked).forEach(grants::insert);

        List<Grant> byHolder = transaction.execute(tx -> grants.lockOpenByHolder(member));
        List<Grant> byDelegate = transaction.execute(tx -> grants.lockOpenByDelegate(delegate));

        assertThat(byHolder).extracting(Grant::id).containsExactlyInAnyOrder(pending.id(), active.id()).isSorted();
        assertThat(byDelegate).extracting(Grant::id).containsExactlyInAnyOrder(pending.id(), active.id());
        assertThat(grants.holdersHelpedBy(delegate)).containsExactly(member);
        assertThat(grants.everOffered(member, delegate)).isTrue();
        assertThat(grants.everOffered(delegate, member)).isFalse();
        Integer open = transaction.execute(tx -> grants.countOpen(member, now));
        Integer openAMonthOn = transaction.execute(tx -> grants.countOpen(member, now.plus(Duration.ofDays(31))));
        assertThat(open).isEqualTo(2);
        assertThat(openAMonthOn).isZero();
    }

    @Test
    void overdueAreOpenGrantsPastTheirExpiryAndPendingOnesPastTheirLifetime() {
        Instant longAgo = now.minus(Duration.ofDays(40));
        Grant expired = grant(member, signUp(), GrantStatus.ACTIVE, longAgo);
        Grant lapsed = grant(member, signUp(), GrantStatus.PENDING, now.minus(Duration.ofDays(8)));
        Grant current = grant(member, signUp(), GrantStatus.ACTIVE, now);
        Grant endedLongAgo = grant(member, signUp(), GrantStatus.REVOKED, longAgo);
        List.of(expired, lapsed, current, endedLongAgo).forEach(grants::insert);

        List<String> overdue = grants.overdue(now, 10_000);

        assertThat(overdue).contains(expired.id(), lapsed.id()).doesNotContain(current.id(), endedLongAgo.id());
    }

    @Test
    void pagesRunNewestFirstAndGrantsCreatedInTheSameMillisecondAreEachListedOnce() {
        String delegate = signUp();
        List<Grant> made = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(grant(member, delegate, GrantStatus.PENDING, i < 3 ? now : now.plusSeconds(i)));
        }
        made.forEach(grants::insert);

        List<String> seen = new java.util.ArrayList<>();
        Grant after = null;
        for (List<Grant> page = grants.byHolder(member, null, 2); !page.isEmpty(); page = grants.byHolder(member, after, 2)) {
            page.forEach(g -> seen.add(g.id()));
            after = page.get(page.size() - 1);
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 2)).containsExactly(made.get(4).id(), made.get(3).id());
        assertThat(grants.byDelegate(delegate, null, 10)).extracting(Grant::id).containsExactlyElementsOf(seen);
    }
}
