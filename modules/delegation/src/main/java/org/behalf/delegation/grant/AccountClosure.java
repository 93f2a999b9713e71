package org.behalf.delegation.grant;

import org.behalf.identity.api.AccountClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ends a closed account's grants in the closing transaction (SECURITY-CASES 30). */
@Component
class AccountClosure {

    private final GrantService grants;

    AccountClosure(GrantService grants) {
        this.grants = grants;
    }

    @EventListener
    void onClosed(AccountClosed closed) {
        grants.endAllOf(closed.memberId());
    }
}
