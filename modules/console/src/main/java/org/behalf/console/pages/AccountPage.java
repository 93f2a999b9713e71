package org.behalf.console.pages;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The member's own account ({@code /api/v1/account…}, never a delegate's): password, two-step
 * sign-in, signed-in sessions, closing the account.
 */
@Controller
class AccountPage {

    private final ResourceApi api;
    private final Bearers bearers;

    AccountPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/account")
    String account(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        String token = bearers.own(request);
        model.addAttribute("twoStep", api.get(request, token, "/api/v1/account/totp").path("enabled").asBoolean());
        model.addAttribute("sessions", api.get(request, token, "/api/v1/account/sessions").path("items"));
        return "console/account";
    }

    /** A new password ends every browser session, this one too: the member signs in again with it. */
    @PostMapping("/console/account/password")
    String password(HttpServletRequest request, RedirectAttributes flash, @RequestParam String currentPassword,
                    @RequestParam String newPassword) {
        return thenSignedOut(request, flash, () -> api.post(request, bearers.own(request), "/api/v1/account/password",
                Map.of("currentPassword", currentPassword, "newPassword", newPassword)));
    }

    /** A new secret, shown once on the next page for the authenticator app; it counts after a first code. */
    @PostMapping("/console/account/two-step")
    String startTwoStep(HttpServletRequest request, RedirectAttributes flash) {
        return Outcome.of(flash, "/console/account", () -> {
            JsonNode setup = api.post(request, bearers.own(request), "/api/v1/account/totp", null);
            flash.addFlashAttribute("secret", setup.path("secret").asString());
            flash.addFlashAttribute("otpauthUri", setup.path("otpauthUri").asString());
            return "Add this key to your authenticator app, then type the code it shows.";
        });
    }

    /**
     * A wrong first code keeps the key on the page (issue 18): the member has already added it to
     * their app, and a new key would make that entry useless. The key comes back from the form only
     * to be shown again; the server checks codes against the key it keeps.
     */
    @PostMapping("/console/account/two-step/confirm")
    String confirmTwoStep(HttpServletRequest request, RedirectAttributes flash, @RequestParam String code,
                          @RequestParam(required = false) String secret, @RequestParam(required = false) String otpauthUri) {
        try {
            api.post(request, bearers.own(request), "/api/v1/account/totp/confirm", Map.of("code", code.strip()));
            flash.addFlashAttribute("notice", "Two-step sign-in is on.");
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
            flash.addFlashAttribute("secret", secret);
            flash.addFlashAttribute("otpauthUri", otpauthUri);
        }
        return "redirect:/console/account";
    }

    @PostMapping("/console/account/two-step/disable")
    String disableTwoStep(HttpServletRequest request, RedirectAttributes flash, @RequestParam String code) {
        return Outcome.of(flash, "/console/account", () -> {
            api.post(request, bearers.own(request), "/api/v1/account/totp/disable", Map.of("code", code.strip()));
            return "Two-step sign-in is off.";
        });
    }

    @PostMapping("/console/account/sessions/{id}/end")
    String end(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/account", () -> {
            api.delete(request, bearers.own(request), "/api/v1/account/sessions/" + Ids.path(id));
            return "That session ended.";
        });
    }

    /** Closing takes the password again; afterwards this browser is signed out like every other. */
    @PostMapping("/console/account/close")
    String close(HttpServletRequest request, RedirectAttributes flash, @RequestParam String password) {
        return thenSignedOut(request, flash, () -> api.post(request, bearers.own(request), "/api/v1/account/close",
                Map.of("password", password)));
    }

    /** Does what ends this browser's session on the server, then signs out here; a refusal stays on the page. */
    private static String thenSignedOut(HttpServletRequest request, RedirectAttributes flash, Runnable call) {
        try {
            call.run();
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/console/account";
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?logout";
    }
}
