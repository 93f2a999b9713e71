package org.behalf.network.invitations;

import org.behalf.kernel.RequestState;
import org.behalf.network.connections.MemberBlocked;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A block stops invitations either way (docs/api.md), including those already open: the blocker's
 * own are withdrawn, and those from the blocked member end as ignored, which is what their sender
 * would see anyway and does not tell them they were blocked. Runs in the block's transaction.
 */
@Component
class InvitationsClosedByBlock {

    private final InvitationRepository invitations;
    private final ObjectProvider<RequestState> requests;

    InvitationsClosedByBlock(InvitationRepository invitations, ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.invitations = invitations;
    }

    @EventListener
    void on(MemberBlocked block) {
        int withdrawn = invitations.closeOpen(block.memberId(), block.blockedId(), Invitation.Status.WITHDRAWN, block.at());
        int ignored = invitations.closeOpen(block.blockedId(), block.memberId(), Invitation.Status.IGNORED, block.at());
        if (withdrawn + ignored > 0) {
            RequestState.of(requests).notes().change("invitations.withdrawn", null, withdrawn).change("invitations.ignored", null, ignored);
        }
    }
}
