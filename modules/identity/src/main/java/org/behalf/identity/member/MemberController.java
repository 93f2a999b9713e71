package org.behalf.identity.member;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.ClientAddress;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/members}: anyone may create a member (DESIGN.md section 5, bootstrap). */
@RestController
class MemberController {

    private final MemberService members;
    private final SignUpLimit limit;

    MemberController(MemberService members, SignUpLimit limit) {
        this.members = members;
        this.limit = limit;
    }

    @PostMapping("/api/v1/members")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = false, action = "member.create")
    MemberDirectory.MemberRef create(@RequestBody MemberService.NewMember request, HttpServletRequest http) {
        limit.take(ClientAddress.of(http));
        return members.register(request);
    }
}
