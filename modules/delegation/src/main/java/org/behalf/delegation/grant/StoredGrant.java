package org.behalf.delegation.grant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.IpRange;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A grant as its row stores it, the aggregate of {@code delegation_grant}; the rest of the code works
 * with {@link Grant} ({@link #grant()}, {@link #of}). Sets, quotas, ranges and the access window
 * are text in the formats earlier releases wrote (migrations V202611220300, V202611230410), kept
 * as text here rather than as value records with column converters: Spring Data JDBC has one set of
 * converters for the application, and the bean that gathers them is the network's
 * ({@code NetworkPersistence}), which the delegation may not use. Public only because
 * {@link GrantRepository} is, for the other packages of the module: its proxy names this type.
 */
@Table("delegation_grant")
public record StoredGrant(@Id String id, String holderId, String delegateId, String invited, GrantStatus status, String scopes,
                   @Column("review_scopes") String review, String note, String terms, String termsHash, String quotas,
                   String windowDays, String windowStart, String windowEnd, String timeZone, String ipRanges,
                   Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant endedAt, Instant lastActivityAt) {

    static StoredGrant of(Grant grant) {
        AccessWindow window = grant.window();
        return new StoredGrant(grant.id(), grant.holderId(), grant.delegateId(), grant.invited(), grant.status(),
                names(grant.scopes()), names(grant.review()), grant.note(), grant.terms(), grant.termsHash(), quotas(grant.quotas()),
                window == null ? null : window.days().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                window == null ? null : window.start().toString(), window == null ? null : window.end().toString(),
                grant.timeZone().getId(),
                grant.ipRanges().isEmpty() ? null : grant.ipRanges().stream().map(IpRange::cidr).collect(Collectors.joining(" ")),
                grant.createdAt(), grant.expiresAt(), grant.acceptedAt(), grant.endedAt(), grant.lastActivityAt());
    }

    Grant grant() {
        return new Grant(id, holderId, delegateId, invited, status, names(scopes), names(review), note, terms, termsHash,
                quotas(quotas), window(windowDays, windowStart, windowEnd), ZoneId.of(timeZone), ranges(ipRanges), createdAt,
                expiresAt, acceptedAt, endedAt, lastActivityAt);
    }

    /** {@code window_days} ("MONDAY,FRIDAY"), {@code window_start} and {@code window_end} ("09:00"): all null for no window. */
    static AccessWindow window(String days, String start, String end) {
        return days == null ? null : new AccessWindow(Arrays.stream(days.split(",")).map(DayOfWeek::valueOf)
                .collect(Collectors.toSet()), LocalTime.parse(start), LocalTime.parse(end));
    }

    /** {@code ip_ranges}: CIDRs separated by spaces; null for none. */
    static List<IpRange> ranges(String stored) {
        return stored == null ? List.of() : Arrays.stream(stored.split(" ")).map(IpRange::stored).toList();
    }

    /** {@code scopes} and {@code review_scopes}: names, sorted, separated by spaces. */
    static Set<String> names(String value) {
        return value == null || value.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(value.trim().split(" ")));
    }

    private static String names(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(" "));
    }

    /** {@code quotas}: "scope=perDay" pairs, sorted by scope, separated by spaces; null for none. */
    private static String quotas(Map<String, Integer> quotas) {
        return quotas.isEmpty() ? null : new TreeMap<>(quotas).entrySet().stream().map(q -> q.getKey() + "=" + q.getValue())
                .collect(Collectors.joining(" "));
    }

    static Map<String, Integer> quotas(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        Map<String, Integer> quotas = new HashMap<>();
        for (String pair : stored.trim().split(" ")) {
            int at = pair.lastIndexOf('=');
            quotas.put(pair.substring(0, at), Integer.parseInt(pair.substring(at + 1)));
        }
        return quotas;
    }
}
