package org.behalf.delegation.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A holder's grant to a delegate, as stored. {@link #statusAt(Instant)} derives expiry and lapse
 * from the clock, so that a grant never outlives its expiry even before a sweeper has run.
 *
 * @param delegateId null while the invited person has no account
 * @param invited    the handle or e-mail the holder typed
 * @param quotas     per scope, the number of requests allowed per day in the holder's time zone
 * @param timeZone   the holder's time zone, for the window and for quota days
 */
public record Grant(String id, String holderId, String delegateId, String invited, GrantStatus status,
                    Set<String> scopes, Set<String> review, String note, String terms, String termsHash,
                    Map<String, Integer> quotas, AccessWindow window, ZoneId timeZone, List<IpRange> ipRanges,
                    Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant endedAt,
                    Instant lastActivityAt) {

    /** Pending grants lapse when not accepted within this time (issue 4). */
    public static final Duration PENDING_LIFETIME = Duration.ofDays(7);

    /** A grant id is {@code grt_} and 22 random characters ({@code OpaqueIds}). */
    public static final String ID_PREFIX = "grt";

    public Grant {
        scopes = Set.copyOf(scopes);
        review = Set.copyOf(review);
        quotas = Map.copyOf(quotas);
        ipRanges = List.copyOf(ipRanges);
    }

    public Grant with(GrantStatus newStatus, Instant acceptedAt, Instant endedAt, String termsHash) {
        return new Grant(id, holderId, delegateId, invited, newStatus, scopes, review, note, terms, termsHash, quotas,
                window, timeZone, ipRanges, createdAt, expiresAt, acceptedAt, endedAt, lastActivityAt);
    }

    public GrantStatus statusAt(Instant now) {
        return status.at(now, createdAt, expiresAt);
    }

    public HoursAndAddresses hoursAndAddresses() {
        return new HoursAndAddresses(window, timeZone, ipRanges);
    }
}
