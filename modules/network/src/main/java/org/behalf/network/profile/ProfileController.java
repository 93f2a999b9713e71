package org.behalf.network.profile;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/profile} acts on the token's subject; {@code /api/v1/members/{id}} is public to members. */
@RestController
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/profile")
    @ResourceAccess(scope = "profile:read", delegates = true, action = "profile.read")
    ProfileView read(Caller caller) {
        return profiles.own(caller.subject());
    }

    @PatchMapping("/api/v1/profile")
    @ResourceAccess(scope = "profile:write", delegates = true, action = "profile.update")
    ProfileView change(Caller caller, @RequestBody ProfileChange change) {
        return profiles.change(caller.subject(), change);
    }

    @GetMapping("/api/v1/members/{id}")
    @ResourceAccess(scope = ResourceAccess.ANY_MEMBER_TOKEN, delegates = true, action = "member.read")
    ProfileView member(Caller caller, @PathVariable String id) {
        return profiles.publicProfile(caller.subject(), id);
    }
}
