package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.identity.api.Mailbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Forgot your password?" (issue 18): ask for a reset code by e-mail address, then set a new
 * password with it ({@code /api/v1/password-resets}). Both calls go with the console's own token,
 * so the limits count the browser's address. In development, the mail is on the mailbox page.
 */
@Controller
class PasswordResetPage {

    private final ResourceApi api;
    private final Bearers bearers;
    private final ObjectProvider<Mailbox> mailbox;

    PasswordResetPage(ResourceApi api, Bearers bearers, ObjectProvider<Mailbox> mailbox) {
        this.api = api;
        this.bearers = bearers;
        this.mailbox = mailbox;
    }

    @GetMapping("/console/password-reset")
    String form(Model model) {
        model.addAttribute("devMailbox", mailbox.getIfAvailable() != null);
        return "console/password-reset";
    }

    @PostMapping("/console/password-reset")
    String ask(HttpServletRequest request, Model model, @RequestParam String email) {
        model.addAttribute("devMailbox", mailbox.getIfAvailable() != null);
        model.addAttribute("email", email);
        try {
            model.addAttribute("notice", api.post(request, bearers.console(request), "/api/v1/password-resets",
                    Map.of("email", email.strip())).path("detail").asString());
            model.addAttribute("asked", true);
        } catch (Refusal refused) {
            model.addAttribute("error", refused.getMessage());
        }
        return "console/password-reset";
    }

    /**
     * A wrong code or a new password the API refuses draws the form again in the answer (400), the words next to
     * the field at fault in the form's own words: they were said only on top, answered 200, and named the field
     * "One-time code" where the form says "The reset code from the mail" (black-box testing, 2026-12-07).
     */
    @PostMapping("/console/password-reset/complete")
    String complete(HttpServletRequest request, HttpServletResponse response, Model model, @RequestParam String code,
                    @RequestParam String newPassword) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.strip());
        body.put("newPassword", newPassword);
        Typed typed = Typed.none();
        return typed.send(response, () -> api.post(request, bearers.console(request), "/api/v1/password-resets/complete", body),
                Typed::besideField, Map.of(), done -> "redirect:/login?ended", () -> {
                    model.addAttribute("devMailbox", mailbox.getIfAvailable() != null);
                    model.addAttribute("asked", true);
                    model.addAttribute("code", code);
                    model.addAttribute("typed", typed);
                    model.addAttribute("error", "The password was not changed: " + String.join(" ", typed.errors().values()));
                    return "console/password-reset";
                });
    }

    /** Development only: the mail that would have been sent; absent wherever a mail server is configured. */
    @GetMapping("/console/dev/mailbox")
    String mailbox(Model model) {
        Mailbox box = mailbox.getIfAvailable();
        if (box == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("mail", box.recent());
        return "console/dev-mailbox";
    }
}
