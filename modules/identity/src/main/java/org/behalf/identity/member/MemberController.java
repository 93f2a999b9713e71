package org.behalf.identity.member;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/members}: anyone may create a member (DESIGN.md section 5, bootstrap). */
@RestController
class MemberController {

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    @PostMapping("/api/v1/members")
    @ApiResponse(responseCode = "409", description = "The handle or e-mail cannot be used (taken, or held back).")
    @ApiResponse(responseCode = "429", description = "Too many sign-ups from this address; Retry-After says when to try again (docs/security.md rule 29).")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = false, action = "member.create")
    MemberDirectory.MemberRef create(@RequestBody MemberService.NewMember request) {
        return members.register(request);
    }
}
