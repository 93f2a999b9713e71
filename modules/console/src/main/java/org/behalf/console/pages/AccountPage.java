package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.identity.api.BrowserSignIns;
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
 * sign-in, signed-in sessions, the apps they allowed ({@code /api/v1/apps/authorized}), closing the
 * account.
 */
@Controller
class AccountPage {

    private final ResourceApi api;
    private final Bearers bearers;

    private final QrCodeSvg qrCode;

    AccountPage(ResourceApi api, Bearers bearers, QrCodeSvg qrCode) {
        this.api = api;
        this.bearers = bearers;
        this.qrCode = qrCode;
    }

    @GetMapping("/console/account")
    String account(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        return draw(request, model, Typed.none());
    }

    /**
     * The page, and after a refused form the same page in the POST's answer (400) with the words next to
     * the field at fault (docs/console.md): a wrong current password, a too-short new one or a wrong code
     * was said only in the banner on top, answered 200 (black-box testing, 2026-12-07). Passwords are
     * never drawn back into the page.
     */
    private String draw(HttpServletRequest request, Model model, Typed typed) {
        Bearer token = bearers.own(request);
        model.addAttribute("typed", typed);
        if (typed.failed()) {
            model.addAttribute("error", "Nothing was changed: " + String.join(" ", typed.errors().values()));
        }
        JsonNode twoStep = api.get(request, token, "/api/v1/account/totp");
        model.addAttribute("twoStep", twoStep.path("enabled").asBoolean());
        model.addAttribute("recoveryCodesLeft", twoStep.path("recoveryCodesLeft").asInt());
        model.addAttribute("sessions", api.get(request, token, "/api/v1/account/sessions").path("items"));
        model.addAttribute("thisBrowser", thisBrowser(request));
        model.addAttribute("apps", api.get(request, token, "/api/v1/apps/authorized").path("items"));
        if (model.getAttribute("otpauthUri") instanceof String uri) {
            model.addAttribute("qrSvg", qrCode.svg(uri));
        }
        return "console/account";
    }

    /** A new password ends every browser session, this one too: the member signs in again with it. */
    @PostMapping("/console/account/password")
    String password(HttpServletRequest request, HttpServletResponse response, Model model, @RequestParam String currentPassword,
                    @RequestParam String newPassword, @RequestParam(required = false) String code) {
        Typed typed = Typed.none();
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/account/password",
                        withCode(Map.of("currentPassword", currentPassword, "newPassword", newPassword), code)),
                Typed::besideField, Map.of("code", "password-code"), changed -> signedOut(request, "ended"),
                () -> draw(request, model, typed));
    }


    /** "Sign out everywhere": every session of the account ends, this browser's too. */
    @PostMapping("/console/account/sessions/end-all")
    String endAll(HttpServletRequest request, RedirectAttributes flash) {
        return thenSignedOut(request, flash, () -> api.delete(request, bearers.own(request), "/api/v1/account/sessions"), "ended");
    }

    /** New recovery codes, shown once on the next page; the old ones stop working. */
    @PostMapping("/console/account/two-step/recovery-codes")
    String recoveryCodes(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                         @RequestParam String code) {
        Typed typed = Typed.none();
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/account/totp/recovery-codes",
                Map.of("code", code.strip())), Typed::besideField, Map.of("code", "recovery-code"), answer -> {
                    flash.addFlashAttribute("recoveryCodes", answer.path("recoveryCodes").valueStream().map(JsonNode::asString).toList());
                    flash.addFlashAttribute("notice", "New recovery codes: the old ones no longer work.");
                    return "redirect:/console/account";
                }, () -> draw(request, model, typed));
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
    String confirmTwoStep(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                          @RequestParam String code, @RequestParam(required = false) String secret,
                          @RequestParam(required = false) String otpauthUri) {
        Typed typed = Typed.none();
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/account/totp/confirm",
                Map.of("code", code.strip())), Typed::besideField, Map.of("code", "confirm-code"), answer -> {
                    flash.addFlashAttribute("notice", "Two-step sign-in is on.");
                    flash.addFlashAttribute("recoveryCodes", answer.path("recoveryCodes").valueStream().map(JsonNode::asString).toList());
                    return "redirect:/console/account";
                }, () -> {
                    model.addAttribute("secret", secret);
                    model.addAttribute("otpauthUri", otpauthUri);
                    return draw(request, model, typed);
                });
    }

    @PostMapping("/console/account/two-step/disable")
    String disableTwoStep(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                          @RequestParam String code) {
        Typed typed = Typed.none();
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/account/totp/disable",
                Map.of("code", code.strip())), Typed::besideField, Map.of("code", "disable-code"), off -> {
                    flash.addFlashAttribute("notice", "Two-step sign-in is off.");
                    return "redirect:/console/account";
                }, () -> draw(request, model, typed));
    }

    /** Ending this browser's own sign-in signs out here, and the sign-in page says why. */
    @PostMapping("/console/account/sessions/{id}/end")
    String end(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        if (id.equals(thisBrowser(request))) {
            return thenSignedOut(request, flash, () -> api.delete(request, bearers.own(request), "/api/v1/account/sessions/" + Ids.path(id)),
                    "browserEnded");
        }
        return Outcome.of(flash, "/console/account", () -> {
            api.delete(request, bearers.own(request), "/api/v1/account/sessions/" + Ids.path(id));
            return "That session ended.";
        });
    }

    /**
     * "Remove access" asks first on the confirm page (issue 18): the app loses every token at once,
     * and only a new consent brings it back.
     */
    @PostMapping("/console/account/apps/{clientId}/remove")
    String removeApp(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String clientId,
                     @RequestParam(defaultValue = "") String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            String name = allowedAppName(request, clientId);
            return Confirm.page(model, "Remove " + name + "'s access?", List.of(
                            name + " can no longer act for you: every token it holds for you stops working now.",
                            "What it already did stays; your activity log keeps its entries.",
                            "To use it again, you allow it anew on its sign-in page."),
                    "/console/account/apps/" + Ids.path(clientId) + "/remove", "Yes, remove " + name + "'s access", "/console/account");
        }
        return Outcome.of(flash, "/console/account", () -> {
            api.delete(request, bearers.own(request), "/api/v1/apps/authorized/" + Ids.path(clientId));
            return "Access removed. The app can no longer act for you.";
        });
    }

    /** The app's name as the member allowed it; an id they never allowed is "this app", and confirming gets the API's 404 in words. */
    private String allowedAppName(HttpServletRequest request, String clientId) {
        for (JsonNode app : api.get(request, bearers.own(request), "/api/v1/apps/authorized").path("items")) {
            if (app.path("clientId").asString().equals(clientId)) {
                return app.path("name").asString();
            }
        }
        return "this app";
    }

    /**
     * Closing asks first, on the confirm page every step that cannot be undone uses (issue 18), and
     * takes the password again there (and the code, with two-step on); a wrong one keeps the member
     * on that page with the words. Afterwards this browser is signed out like every other.
     */
    @PostMapping("/console/account/close")
    String close(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                 @RequestParam(required = false) String password, @RequestParam(required = false) String code,
                 @RequestParam(required = false) String confirmed) {
        if (Confirm.confirmed(confirmed)) {
            try {
                api.post(request, bearers.own(request), "/api/v1/account/close", withCode(Map.of("password",
                        password == null ? "" : password), code));
                // The sign-in page then says the account is closed: "sign in again" left the person
                // unsure it had worked (black-box finding, 2026-12-07).
                return signedOut(request, "closed");
            } catch (Refusal refused) {
                if (refused.unauthorized()) {
                    throw refused;
                }
                // The words next to the field at fault too, tied to it (black-box finding, 2026-12-07: a
                // screen reader on the password field heard nothing of "The password is not right").
                if ("password".equals(refused.field()) || "code".equals(refused.field())) {
                    model.addAttribute("askErrors", Map.of(refused.field(), refused.detail()));
                }
                model.addAttribute("error", refused.getMessage());
                response.setStatus(400);
            }
        }
        List<Confirm.Ask> asks = new ArrayList<>(List.of(new Confirm.Ask("close-password", "password", "Your password", "password",
                "current-password")));
        if (api.get(request, bearers.own(request), "/api/v1/account/totp").path("enabled").asBoolean()) {
            asks.add(new Confirm.Ask("close-code", "code", "The code your app shows now (or a recovery code)", "text", "one-time-code"));
        }
        return Confirm.page(model, "Close your account?", List.of(
                        "Every session and token of yours ends, on every device.",
                        "The access you gave helpers is revoked, and you stop helping anyone you helped.",
                        "Your profile disappears from everyone's network. It cannot be undone."),
                "/console/account/close", "Yes, close my account", "/console/account", asks);
    }

    /** The two-step code goes with the request only when one was typed (the field shows only when two-step is on). */
    private static Map<String, String> withCode(Map<String, String> body, String code) {
        if (code == null || code.isBlank()) {
            return body;
        }
        Map<String, String> with = new java.util.HashMap<>(body);
        with.put("code", code.strip());
        return with;
    }

    /**
     * This browser's sign-in as the account's session list names it, to mark it there: the
     * console's session is the browser's sign-in session.
     */
    private static String thisBrowser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : BrowserSignIns.id(session.getId());
    }

    /**
     * Does what ends this browser's session on the server, then revokes the console's own tokens
     * (the API keeps the authorization that asked) and signs out here, saying why on the sign-in
     * page ({@code why}: the notice it shows); a refusal stays on the page.
     */
    private String thenSignedOut(HttpServletRequest request, RedirectAttributes flash, Runnable call, String why) {
        try {
            call.run();
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/console/account";
        }
        return signedOut(request, why);
    }

    private String signedOut(HttpServletRequest request, String why) {
        try {
            bearers.revokeAll(request);
        } catch (Refusal alreadyRevoked) {
            // closing the account revoked them already
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?" + why;
    }
}
