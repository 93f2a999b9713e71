package org.behalf.network.invitations;

import java.time.Clock;

import org.behalf.identity.api.AccountClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A closed account's open invitations end: those it sent as withdrawn, those sent to it as ignored
 * (as after a block, {@link InvitationsClosedByBlock}). Runs in the closing transaction.
 */
@Component
class ClosedAccountInvitations {

    private final InvitationRepository invitations;
    private final Clock clock;

    ClosedAccountInvitations(InvitationRepository invitations, Clock clock) {
        this.invitations = invitations;
        this.clock = clock;
    }

    @EventListener
    void on(AccountClosed closed) {
        invitations.closeAllOpen(closed.memberId(), Invitation.Status.WITHDRAWN, Invitation.Status.IGNORED, clock.instant());
    }
}
