package org.behalf.delegation.grant;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.GrantsInForce;
import org.behalf.identity.api.GrantStanding;
import org.behalf.kernel.Caller;
import org.springframework.stereotype.Component;

/**
 * {@link GrantsInForce} and introspection's {@link GrantStanding} from the grant as stored: a plain
 * read, no lock, since nothing is done on it. Introspection leaves out the hours and addresses,
 * which depend on each request and are the API's to check (docs/oauth.md, introspection).
 */
@Component
class GrantScopesInForce implements GrantsInForce, GrantStanding {

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
        return active(delegated.grantId(), delegated.subject(), delegated.actor(), now)
                .filter(grant -> grant.hoursAndAddresses().refusal(now, address).isEmpty())
                .map(grant -> grant.scopes().stream().filter(delegated::hasScope).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Override
    public Optional<Set<String>> scopesNow(String grantId, String holderId, String delegateId) {
        return active(grantId, holderId, delegateId, clock.instant()).map(Grant::scopes);
    }

    /** The grant, while it is active and between this holder and this delegate. */
    private Optional<Grant> active(String grantId, String holderId, String delegateId, Instant now) {
        return grants.find(grantId)
                .filter(grant -> grant.holderId().equals(holderId) && delegateId != null && delegateId.equals(grant.delegateId()))
                .filter(grant -> grant.statusAt(now) == GrantStatus.ACTIVE);
    }
}
