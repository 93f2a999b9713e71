package org.behalf.console.pages;

import java.util.function.Supplier;

import org.behalf.console.calls.Refusal;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A form's POST does one API call, then redirects (post/redirect/get) with a notice saying what
 * happened, or the API's refusal in its own words.
 */
final class Outcome {

    private Outcome() {
    }

    static String of(RedirectAttributes flash, String back, Supplier<String> action) {
        try {
            flash.addFlashAttribute("notice", action.get());
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + back;
    }
}
