package org.behalf.identity.consents;

import java.util.HashMap;
import java.util.Map;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apps/authorized}: the apps the member allowed, and withdrawing that. The member's
 * own session only ({@link ResourceAccess#OWNER}): never a delegate, since who may act on the account
 * is the holder's to decide (DESIGN.md section 2 rule 4), and never an app, which must not see the
 * member's other apps nor end their access.
 */
@RestController
class AuthorizedAppsController {

    private final AuthorizedApps apps;

    AuthorizedAppsController(AuthorizedApps apps) {
        this.apps = apps;
    }

    @GetMapping("/api/v1/apps/authorized")
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "app.list")
    Map<String, Object> list(Caller member) {
        Map<String, Object> page = new HashMap<>();
        page.put("items", apps.list(member));
        page.put("next", null);
        return page;
    }

    @DeleteMapping("/api/v1/apps/authorized/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "app.withdraw")
    void withdraw(Caller member, @PathVariable String clientId) {
        apps.withdraw(member, clientId);
    }
}
