package org.behalf.delegation.grant;

import org.behalf.identity.api.AppTokens;
import org.behalf.identity.api.ConsentWithdrawn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A delegate who withdraws their consent to an app also ends the delegation tokens the app got with
 * their token (RFC 8693 section 2.1: the app exchanged the delegate's own token for them), in the
 * withdrawing transaction: the app stops acting as that delegate on every holder's account at once,
 * not when those tokens expire (DESIGN.md section 2 rule 5).
 */
@Component
class WithdrawnAppDelegationTokens {

    private final GrantRepository grants;
    private final AppTokens tokens;

    WithdrawnAppDelegationTokens(GrantRepository grants, AppTokens tokens) {
        this.grants = grants;
        this.tokens = tokens;
    }

    @EventListener
    void on(ConsentWithdrawn withdrawn) {
        tokens.revokeDelegationTokens(withdrawn.clientId(), grants.holdersHelpedBy(withdrawn.memberId()));
    }
}
