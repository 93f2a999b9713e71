package org.behalf.console.pages;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.session.ConsoleSession;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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
        flash.addFlashAttribute("error", "You are working as " + ConsoleSession.of(request).acting().holderName()
                + ". Stop acting to see your own account.");
        return "redirect:/console";
    }
}
