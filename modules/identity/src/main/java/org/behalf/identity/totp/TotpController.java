package org.behalf.identity.totp;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;

import org.behalf.identity.api.MemberDirectory;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/account/totp}: the member's own second factor, under {@code account:manage}
 * (first-party clients only, never a delegate: DESIGN.md section 2 rule 4).
 */
@RestController
class TotpController {

    private final Totp totp;
    private final MemberDirectory members;
    private final ActivityRecorder activity;

    TotpController(Totp totp, MemberDirectory members, ActivityRecorder activity) {
        this.totp = totp;
        this.members = members;
        this.activity = activity;
    }

    record Code(String code) {
    }

    /** Whether two-step sign-in is on, after the change. */
    record Enabled(boolean enabled) {
    }

    /** The new one-time recovery codes, shown this once. */
    record RecoveryCodes(List<String> recoveryCodes) {
    }

    @GetMapping("/api/v1/account/totp")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.totp_read")
    Map<String, Object> status(Caller member) {
        return Map.of("enabled", totp.enabled(member.subject()), "recoveryCodesLeft", totp.recoveryCodesLeft(member.subject()));
    }

    /** A new secret, shown this once; it counts only after {@code confirm}. */
    @PostMapping("/api/v1/account/totp")
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.totp_setup")
    Totp.Setup start(Caller member) {
        String name = members.findById(member.subject()).map(MemberDirectory.MemberRef::handle).orElse(member.subject());
        return totp.start(member.subject(), name);
    }

    @PostMapping("/api/v1/account/totp/confirm")
    @ApiResponse(responseCode = "200", description = "Two-step sign-in is on; the recovery codes, shown this once.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "429", description = "Too many wrong codes for this account (ten in 15 minutes, wherever a code is asked for); Retry-After says when to try again, and the code is not checked (docs/security.md rule 37).")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.totp_enable", refusalsRecorded = true)
    Map<String, Object> confirm(Caller member, @RequestBody Code code) {
        List<String> recovery = totp.confirm(member.subject(), code.code());
        record(member, "account.totp_enable", false, true);
        return Map.of("enabled", true, "recoveryCodes", recovery);
    }

    /** New one-time recovery codes, shown this once; the old ones stop working. Needs a current code. */
    @PostMapping("/api/v1/account/totp/recovery-codes")
    @ApiResponse(responseCode = "429", description = "Too many wrong codes for this account (ten in 15 minutes, wherever a code is asked for); Retry-After says when to try again, and the code is not checked (docs/security.md rule 37).")
    @ApiResponse(responseCode = "200", description = "The new recovery codes.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Two-step sign-in is not on.")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.totp_recovery_codes", refusalsRecorded = true)
    RecoveryCodes recoveryCodes(Caller member, @RequestBody Code code) {
        List<String> recovery = totp.replaceRecoveryCodes(member.subject(), code.code());
        activity.record(new ActivityEvent(member.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, member.subject()),
                null, member.clientId(), "account.totp_recovery_codes", null, ActivityEvent.Outcome.SUCCESS, null,
                List.of(new ActivityEvent.Change("recoveryCodes", null, recovery.size())), null));
        return new RecoveryCodes(recovery);
    }

    @PostMapping("/api/v1/account/totp/disable")
    @ApiResponse(responseCode = "429", description = "Too many wrong codes for this account (ten in 15 minutes, wherever a code is asked for); Retry-After says when to try again, and the code is not checked (docs/security.md rule 37).")
    @ApiResponse(responseCode = "200", description = "Two-step sign-in is off.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Two-step sign-in is not on.")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.totp_disable", refusalsRecorded = true)
    Enabled disable(Caller member, @RequestBody Code code) {
        totp.turnOff(member.subject(), code.code());
        record(member, "account.totp_disable", true, false);
        return new Enabled(false);
    }

    /** Turning the second factor on or off is a security-relevant act of the holder (DESIGN.md section 2 rule 6). */
    private void record(Caller member, String action, boolean before, boolean after) {
        activity.record(new ActivityEvent(member.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, member.subject()),
                null, member.clientId(), action, null, ActivityEvent.Outcome.SUCCESS, null,
                List.of(new ActivityEvent.Change("totp", before, after)), null));
    }
}
