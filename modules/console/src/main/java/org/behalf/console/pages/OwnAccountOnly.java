package org.behalf.console.pages;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.session.ConsoleSession;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Pages about the member's own account (helpers, activity, apps) are not shown in acting mode, so
 * that the banner naming the client never sits above the delegate's own data.
 */
final class OwnAccountOnly {

    private OwnAccountOnly() {
    }

    /** A redirect while acting, null otherwise. */
    static String whileActing(HttpServletRequest request, RedirectAttributes flash) {
        if (ConsoleSession.of(request).acting() == null) {
            return null;
        }
        // What a form of the member's own, sent from a tab drawn before acting began, did for them is still said (it acted
        // for the account it was drawn for, FormAccount), where it was lost in this redirect (black-box testing, 2026-12-07).
        Map<String, ?> before = RequestContextUtils.getInputFlashMap(request);
        if (before != null && before.get("notice") instanceof String notice) {
            flash.addFlashAttribute("notice", notice);
        }
        flash.addFlashAttribute("error", "You are working as " + ConsoleSession.of(request).acting().holderName()
                + ". Stop acting to see your own account.");
        return "redirect:/console";
    }
}
