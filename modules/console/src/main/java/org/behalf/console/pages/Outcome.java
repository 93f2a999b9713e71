package org.behalf.console.pages;

import java.util.function.Supplier;

import org.behalf.console.calls.Refusal;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * A form's POST does one API call, then redirects (post/redirect/get) with a notice saying what
 * happened, or the API's refusal in its own words.
 */
final class Outcome {

    private Outcome() {
    }

    /**
     * What to tell the person after a change: the given words, or, when the API held the change
     * for the holder's review (202, DESIGN.md section 6 approvals), that it waits.
     */
    static String said(JsonNode answer, String done) {
        return "pending".equals(answer.path("status").asString(null)) && answer.has("detail")
                ? answer.path("detail").asString() : done;
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
