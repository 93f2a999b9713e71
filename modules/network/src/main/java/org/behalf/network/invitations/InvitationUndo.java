package org.behalf.network.invitations;

import java.util.List;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.delegation.api.ChangeUndo;
import org.behalf.kernel.InvalidRequest;
import org.springframework.stereotype.Component;

/**
 * Undoing a helper's invitation change (issue 18, "undo"). What that means, decided here:
 * <ul>
 * <li>a sent invitation still waiting is withdrawn; one already answered cannot be taken back
 * (accepted: the two are connected, and removing the connection is the holder's own act);</li>
 * <li>an accepted invitation cannot be un-accepted: the connection exists and the other person
 * saw it; the holder may remove the connection on the Network page;</li>
 * <li>a declined or ignored invitation waits for an answer again, if the sender has not withdrawn
 * it since and it meets the rules of a new one now ({@link InvitationService#reopen}): nobody blocked the
 * other, they are not connected, no other invitation between them is open, the sender is within the
 * limit of open invitations and has not closed the account.</li>
 * </ul>
 */
@Component
class InvitationUndo implements ChangeUndo {

    private static final List<String> ACTIONS = List.of("invitation.send", "invitation.accept", "invitation.decline",
            "invitation.ignore");

    private final InvitationService service;

    InvitationUndo(InvitationService service) {
        this.service = service;
    }

    @Override
    public boolean handles(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public List<ActivityEvent.Change> undo(String account, String action, ActivityEvent.Target target,
                                           List<ActivityEvent.Change> changes) {
        if (target == null || !"invitation".equals(target.type())) {
            throw new InvalidRequest("entryId", "This entry names no invitation to put back.");
        }
        Invitation invitation = service.lockWithMembers(target.id())
                .filter(i -> i.fromId().equals(account) || i.toId().equals(account) && i.reachedInvitee()).orElseThrow(InvalidRequest::notFound);
        if (invitation.fromId().equals(account)) {
            if (invitation.status() == Invitation.Status.ACCEPTED) {
                throw InvalidRequest.conflict("This invitation was already accepted, so it cannot be taken back: you are "
                        + "connected now. You can remove the connection on the Network page.");
            }
            if (invitation.status() != Invitation.Status.PENDING && invitation.status() != Invitation.Status.FORWARDING) {
                throw InvalidRequest.conflict("This invitation was already " + invitation.status().value()
                        + ", so there is nothing to take back.");
            }
            service.withdraw(account, invitation.id());
            return List.of(new ActivityEvent.Change("status", invitation.status().value(), "withdrawn"));
        }
        if (invitation.status() == Invitation.Status.ACCEPTED) {
            throw InvalidRequest.conflict("An accepted invitation cannot be un-accepted: you are connected now. You can "
                    + "remove the connection on the Network page if you no longer want it.");
        }
        if (invitation.status() != Invitation.Status.DECLINED && invitation.status() != Invitation.Status.IGNORED) {
            throw InvalidRequest.conflict("This invitation is " + invitation.status().value() + " now, so it cannot be put back.");
        }
        service.reopen(invitation);
        return List.of(new ActivityEvent.Change("status", invitation.status().value(), "pending"));
    }
}
