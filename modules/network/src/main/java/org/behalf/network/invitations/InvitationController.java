package org.behalf.network.invitations;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/invitations} (DESIGN.md section 6). */
@RestController
class InvitationController {

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/api/v1/invitations")
    @ResourceAccess(scope = "invitations:read", delegates = true, action = "invitation.list")
    Page<InvitationService.InvitationView> list(Caller caller, @RequestParam(required = false) String direction,
                                                @RequestParam(required = false) String cursor,
                                                @RequestParam(required = false) Integer limit) {
        return invitations.list(caller.subject(), direction, cursor, limit);
    }

    @PostMapping("/api/v1/invitations")
    @ApiResponse(responseCode = "409", description = "Already connected, an invitation between you is already open, the member cannot be "
            + "invited, or you have the most invitations waiting for an answer (docs/api.md).")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "invitations:send", delegates = true, action = "invitation.send")
    InvitationService.InvitationView send(Caller caller, @RequestBody InvitationService.InvitationRequest request) {
        return invitations.send(caller.subject(), request);
    }

    @PostMapping("/api/v1/invitations/{id}/accept")
    @ApiResponse(responseCode = "200", description = "The invitation, accepted: you are connected.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The invitation can no longer be accepted (answered, withdrawn or expired, or a block stands).")
    @ResourceAccess(scope = "invitations:respond", delegates = true, action = "invitation.accept")
    InvitationService.InvitationView accept(Caller caller, @PathVariable String id) {
        return invitations.accept(caller.subject(), id);
    }

    @PostMapping("/api/v1/invitations/{id}/decline")
    @ApiResponse(responseCode = "200", description = "The invitation, declined.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The invitation is already answered or withdrawn.")
    @ResourceAccess(scope = "invitations:respond", delegates = true, action = "invitation.decline")
    InvitationService.InvitationView decline(Caller caller, @PathVariable String id) {
        return invitations.decline(caller.subject(), id);
    }

    @PostMapping("/api/v1/invitations/{id}/ignore")
    @ApiResponse(responseCode = "200", description = "The invitation, ignored.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The invitation is already answered or withdrawn.")
    @ResourceAccess(scope = "invitations:respond", delegates = true, action = "invitation.ignore")
    InvitationService.InvitationView ignore(Caller caller, @PathVariable String id) {
        return invitations.ignore(caller.subject(), id);
    }

    @PostMapping("/api/v1/invitations/{id}/forward")
    @ApiResponse(responseCode = "200", description = "The introduction, forwarded.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The introduction can no longer be forwarded.")
    @ResourceAccess(scope = "invitations:respond", delegates = true, action = "invitation.forward")
    InvitationService.InvitationView forward(Caller caller, @PathVariable String id) {
        return invitations.forward(caller.subject(), id);
    }

    @DeleteMapping("/api/v1/invitations/{id}")
    @ApiResponse(responseCode = "200", description = "The invitation, withdrawn.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The invitation is already answered or withdrawn.")
    @ResourceAccess(scope = "invitations:send", delegates = true, action = "invitation.withdraw")
    InvitationService.InvitationView withdraw(Caller caller, @PathVariable String id) {
        return invitations.withdraw(caller.subject(), id);
    }
}
