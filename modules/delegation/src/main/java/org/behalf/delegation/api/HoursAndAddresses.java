package org.behalf.delegation.api;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A grant's hours and address ranges, and the one rule for them (DESIGN.md section 2 rule 5;
 * SECURITY-CASES 6): a delegated request is made inside the window, in the holder's time zone, and
 * from an address in one of the ranges, if the grant has any. The enforcement checks each request
 * against it ({@code GrantPolicy}), and what is offered follows the same rule ({@link GrantsInForce}):
 * an AI assistant was shown every tool outside the grant's hours while each call was refused.
 *
 * @param window   null for any time
 * @param ipRanges empty for any address
 */
public record HoursAndAddresses(AccessWindow window, ZoneId timeZone, List<IpRange> ipRanges) {

    public HoursAndAddresses {
        ipRanges = List.copyOf(ipRanges);
    }

    /**
     * Why a request at this instant from this address is refused, in the words the delegate reads
     * (every refusal states the limit it met: issue 18, "every limit visible"), or empty.
     */
    public Optional<String> refusal(Instant now, String address) {
        if (window != null && !window.contains(now, timeZone)) {
            return Optional.of("Outside the hours the grant allows: " + window.words() + ", " + timeZone.getId()
                    + " time (it is " + now.atZone(timeZone).toLocalTime().truncatedTo(ChronoUnit.MINUTES) + " there now).");
        }
        if (!ipRanges.isEmpty() && ipRanges.stream().noneMatch(range -> range.contains(address))) {
            return Optional.of("The grant does not allow requests from this address (" + address + "): only from "
                    + PlainWords.and(ipRanges.stream().map(IpRange::cidr).toList()) + ".");
        }
        return Optional.empty();
    }
}
