package org.behalf.delegation.grant;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.GrantsInForce;
import org.behalf.kernel.Caller;
import org.springframework.stereotype.Component;

/** {@link GrantsInForce} from the grant as stored: a plain read, no lock, since nothing is done on it. */
@Component
class GrantScopesInForce implements GrantsInForce {

    private final GrantRepository grants;
    private final Clock clock;

    GrantScopesInForce(GrantRepository grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Set<String> scopes(Caller delegated, String address) {
        if (delegated.grantId() == null) {
            return Set.of();
        }
        Instant now = clock.instant();
        return grants.find(delegated.grantId())
                .filter(grant -> grant.holderId().equals(delegated.subject()) && delegated.actor() != null
                        && delegated.actor().equals(grant.delegateId()))
                .filter(grant -> grant.statusAt(now) == GrantStatus.ACTIVE)
                .filter(grant -> grant.hoursAndAddresses().refusal(now, address).isEmpty())
                .map(grant -> grant.scopes().stream().filter(delegated::hasScope).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
