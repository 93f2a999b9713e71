package org.behalf.delegation.grant;

import org.behalf.audit.api.GrantOffers;
import org.springframework.stereotype.Component;

/** The activity log's question about grants ({@link GrantOffers}), answered from the grants this module owns. */
@Component
class GrantOffersFromGrants implements GrantOffers {

    private final GrantRepository grants;

    GrantOffersFromGrants(GrantRepository grants) {
        this.grants = grants;
    }

    @Override
    public boolean everOffered(String holder, String helper) {
        return grants.everOffered(holder, helper);
    }
}
