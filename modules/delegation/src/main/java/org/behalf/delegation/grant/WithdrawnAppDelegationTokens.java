package org.behalf.delegation.grant;

import org.behalf.identity.api.AppTokens;
import org.behalf.identity.api.ConsentWithdrawn;
import org.behalf.identity.api.ReusedTokenFamilyRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A delegate who withdraws their consent to an app also ends the delegation tokens the app got with
 * their token (RFC 8693 section 2.1: the app exchanged the delegate's own token for them), in the
 * withdrawing transaction: the app stops acting as that delegate on every holder's account at once,
 * not when those tokens expire (DESIGN.md section 2 rule 5). A delegate's sign-in to the app ended
 * as stolen (a refresh token or code used again) ends them the same way: whoever holds the stolen
 * family may have exchanged its access tokens (RFC 9700 section 4.14.2; black-box finding).
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
        end(withdrawn.clientId(), withdrawn.memberId());
    }

    @EventListener
    void on(ReusedTokenFamilyRevoked stolen) {
        end(stolen.clientId(), stolen.memberId());
    }

    private void end(String clientId, String delegateId) {
        tokens.revokeDelegationTokens(clientId, grants.holdersHelpedBy(delegateId));
    }
}
