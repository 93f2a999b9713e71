package org.behalf.delegation.grant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.HoursAndAddresses;
import org.behalf.delegation.api.IpRange;

/**
 * The part of a grant a delegated request is checked against (DESIGN.md section 2 rule 5) and a
 * delegation token is issued under (section 5), with the meaning each field has in
 * {@link org.behalf.delegation.api.Grant}.
 */
public record GrantLimits(String holderId, String delegateId, GrantStatus status, Set<String> scopes, Set<String> review,
                          Map<String, Integer> quotas, AccessWindow window, ZoneId timeZone, List<IpRange> ipRanges,
                          Instant createdAt, Instant expiresAt, Instant lastActivityAt) {

    public GrantLimits {
        scopes = Set.copyOf(scopes);
        review = Set.copyOf(review);
        quotas = Map.copyOf(quotas);
        ipRanges = List.copyOf(ipRanges);
    }

    public GrantStatus statusAt(Instant now) {
        return status.at(now, createdAt, expiresAt);
    }

    public HoursAndAddresses hoursAndAddresses() {
        return new HoursAndAddresses(window, timeZone, ipRanges);
    }
}
