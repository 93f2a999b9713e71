package org.behalf.delegation.exchange;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.grant.GrantRepository;
import org.behalf.identity.api.GrantStanding;
import org.springframework.stereotype.Component;

/**
 * A grant's standing as introspection reports it: its scopes while it is active, nothing once it
 * is not. The hours, addresses and quotas of a grant are the API's to check on each request (they
 * depend on the request), so they are not part of it (docs/oauth.md, introspection).
 */
@Component
class GrantScopesNow implements GrantStanding {

    private final GrantRepository grants;
    private final Clock clock;

    GrantScopesNow(GrantRepository grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Optional<Set<String>> scopesNow(String grantId, String holderId, String delegateId) {
        return grants.find(grantId)
                .filter(grant -> grant.holderId().equals(holderId) && delegateId != null && delegateId.equals(grant.delegateId()))
                .filter(grant -> grant.statusAt(clock.instant()) == GrantStatus.ACTIVE)
                .map(grant -> grant.scopes());
    }
}
