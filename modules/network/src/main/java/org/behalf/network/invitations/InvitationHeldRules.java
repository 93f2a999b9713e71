package org.behalf.network.invitations;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held invitation checked by the rules of {@link InvitationService#send} that read nothing stored
 * ({@link InvitationService#checkRequest}), before it is held: an invitation to nobody ({@code {}}) or to an
 * e-mail address was held as ready and failed once approved (black-box finding, 2026-12-07). Whether the
 * handle is someone's, a connection or block between the two and the open-invitation limit are the endpoint's,
 * applied on approval.
 */
@Component
class InvitationHeldRules extends HeldBodyRules<InvitationService.InvitationRequest> {

    InvitationHeldRules(JsonMapper json) {
        super(InvitationService.InvitationRequest.class, json, "invitation.send");
    }

    @Override
    protected void check(InvitationService.InvitationRequest request, Change held) {
        InvitationService.checkRequest(request);
    }
}
