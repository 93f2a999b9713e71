package org.behalf.delegation.grant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.IpRange;
import org.jspecify.annotations.Nullable;

/**
 * A grant as the API answers it (DESIGN.md section 6). While a grant is pending, the holder's view
 * names the delegate only as invited: whether that person has an account is not told
 * (SECURITY-CASES 27).
 */
record GrantView(String id, String status, Party holder, Party delegate, List<String> scopes, List<String> review,
                 @Nullable String note, @Nullable String terms, @Nullable String termsHash, Map<String, Integer> quotas, @Nullable Window window,
                 String timeZone, List<String> ipRanges, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant acceptedAt,
                 @Nullable Instant endedAt, @Nullable Instant lastActivityAt) {

    record Party(@Nullable String id, @Nullable String invited) {
    }

    record Window(List<String> days, String start, String end) {
    }

    static GrantView of(Grant grant, Instant now, boolean forHolder) {
        boolean revealDelegate = !forHolder || grant.acceptedAt() != null;
        return new GrantView(grant.id(), grant.statusAt(now).value(), new Party(grant.holderId(), null),
                new Party(revealDelegate ? grant.delegateId() : null, forHolder ? grant.invited() : null),
                List.copyOf(new TreeSet<>(grant.scopes())), List.copyOf(new TreeSet<>(grant.review())), grant.note(),
                grant.terms(), grant.termsHash(), new TreeMap<>(grant.quotas()),
                grant.window() == null ? null : new Window(
                        grant.window().days().stream().sorted().map(DayOfWeek::name).toList(),
                        grant.window().start().toString(), grant.window().end().toString()),
                grant.timeZone().getId(), grant.ipRanges().stream().map(IpRange::cidr).toList(), grant.createdAt(),
                grant.expiresAt(), grant.acceptedAt(), grant.endedAt(), grant.lastActivityAt());
    }
}
