package org.behalf.identity.account;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/password-resets}: for someone who cannot sign in, so public. Through the console
 * (its own token), the browser's address is what the limits count.
 */
@RestController
class PasswordResetController {

    /** The one answer to every request (docs/security.md rule 27). */
    static final String SENT = "If an account has this e-mail address, a reset code is on its way to it. "
            + "It works once, for 30 minutes.";

    private final PasswordResets resets;
    private final Callers callers;

    PasswordResetController(PasswordResets resets, Callers callers) {
        this.resets = resets;
        this.callers = callers;
    }

    record ResetRequest(String email) {
    }

    record NewPassword(String code, String newPassword) {
    }

    @PostMapping("/api/v1/password-resets")
    @ApiResponse(responseCode = "429", description = "Too many resets asked for from this address; Retry-After says when to try again (docs/security.md rule 29).")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = false, action = "account.password_reset_request")
    Map<String, String> request(HttpServletRequest request, @RequestBody ResetRequest body) {
        resets.request(body.email(), address(request));
        return Map.of("detail", SENT);
    }

    @PostMapping("/api/v1/password-resets/complete")
    @ApiResponse(responseCode = "429", description = "Too many reset codes tried from this address; Retry-After says when to try again (docs/security.md rule 29).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = false, action = "account.password_reset")
    void complete(HttpServletRequest request, @RequestBody NewPassword body) {
        resets.complete(body.code(), body.newPassword(), address(request));
    }

    private String address(HttpServletRequest request) {
        callers.current().ifPresent(caller -> ClientAddress.adopt(request, caller));
        return ClientAddress.of(request);
    }
}
