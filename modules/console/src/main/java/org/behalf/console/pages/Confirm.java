package org.behalf.console.pages;

import java.util.List;

import org.springframework.ui.Model;

/**
 * "Are you sure?" before anything that cannot be undone (issue 18, "confirm before destroying"):
 * the first POST draws a page that says what will happen, whose button posts again with
 * {@code confirmed=yes}. A real step that needs no JavaScript.
 */
final class Confirm {

    private Confirm() {
    }

    /** A field the confirming step asks for again, such as the password before closing the account. */
    record Ask(String id, String name, String label, String type, String autocomplete) {
    }

    static boolean confirmed(String answer) {
        return "yes".equals(answer);
    }

    /**
     * @param question the heading: "Revoke Rita Smith's access?"
     * @param details  what follows, in plain words
     * @param action   where the confirming POST goes (the same form's path)
     * @param button   the confirming button's words: "Yes, revoke"
     * @param back     where "Keep it" leads
     */
    static String page(Model model, String question, List<String> details, String action, String button, String back) {
        model.addAttribute("question", question);
        model.addAttribute("details", details);
        model.addAttribute("action", action);
        model.addAttribute("button", button);
        model.addAttribute("back", back);
        return "console/confirm";
    }

    /** The same page, with fields the confirming POST must carry (typed there, never kept in the page). */
    static String page(Model model, String question, List<String> details, String action, String button, String back,
                       List<Ask> asks) {
        model.addAttribute("asks", asks);
        return page(model, question, details, action, button, back);
    }
}
