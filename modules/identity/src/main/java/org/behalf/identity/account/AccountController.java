package org.behalf.identity.account;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/account…}: {@code account:manage}, which only first-party clients carry and no
 * delegate can ever hold (DESIGN.md section 2 rule 4: credentials stay the holder's).
 */
@RestController
class AccountController {

    private final AccountService account;

    AccountController(AccountService account) {
        this.account = account;
    }

    @PostMapping("/api/v1/account/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "429", description = "Too many wrong passwords for this account (counted with its sign-ins), or too many wrong two-step codes; Retry-After says when to try again, and the password or code is not checked (docs/security.md rule 37).")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.password_change", refusalsRecorded = true)
    void changePassword(Caller member, HttpServletRequest request, @RequestBody PasswordChange change) {
        account.changePassword(member, bearer(request), change.currentPassword(), change.newPassword(), change.code());
    }

    @GetMapping("/api/v1/account/sessions")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.sessions")
    Map<String, Object> sessions(Caller member, HttpServletRequest request) {
        java.util.HashMap<String, Object> page = new java.util.HashMap<>();
        List<AccountService.SignedIn> sessions = account.sessions(member, bearer(request));
        page.put("items", sessions);
        page.put("next", null);
        return page;
    }

    /** "Sign out everywhere": every session but the one making this request ends. */
    @DeleteMapping("/api/v1/account/sessions")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.sessions_end")
    Map<String, Integer> endAll(Caller member, HttpServletRequest request) {
        return Map.of("ended", account.endAllBut(member, bearer(request)));
    }

    @DeleteMapping("/api/v1/account/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.session_end")
    void end(Caller member, @PathVariable String id) {
        account.end(member, id);
    }

    /**
     * Closing needs the password again, and the current two-step code when that is on: a stolen
     * token alone cannot close the account.
     */
    @PostMapping("/api/v1/account/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "429", description = "Too many wrong passwords for this account (counted with its sign-ins), or too many wrong two-step codes; Retry-After says when to try again, and the password or code is not checked (docs/security.md rule 37).")
    @ResourceAccess(scope = "account:manage", delegates = false, action = "account.close", refusalsRecorded = true)
    void close(Caller member, @RequestBody Closing closing) {
        account.close(member, closing.password(), closing.code());
    }

    /** {@code code}: the current two-step code (or a recovery code), needed when two-step sign-in is on. */
    record PasswordChange(String currentPassword, String newPassword, String code) {
    }

    record Closing(String password, String code) {
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null ? "" : header.substring("Bearer ".length()).strip();
    }
}
