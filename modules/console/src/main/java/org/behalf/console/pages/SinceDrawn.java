package org.behalf.console.pages;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.behalf.kernel.TextField;
import org.springframework.util.MultiValueMap;

/**
 * The values a change form was drawn with, which it carries back as hidden {@code was-<part>} fields:
 * a save sends only the parts the person changed, and a part they changed that was changed elsewhere
 * since the page was drawn (another tab, a helper's approved change) is not overwritten unseen. The
 * second of two tabs silently undid the first's headline (black-box testing, 2026-12-06), and a grant
 * page open in an older tab lifted the hours and IP ranges set meanwhile, widening the grant unseen
 * (black-box finding, 2026-12-07). Values are compared as the API keeps text: line breaks as LF (a
 * browser sends every field's as CRLF), no spaces around.
 *
 * @param drawn each part's value when the page was drawn; a part the form did not carry (a page of an
 *              older release) is missing
 */
record SinceDrawn(Map<String, String> drawn) {

    static SinceDrawn of(MultiValueMap<String, String> form, Set<String> parts) {
        Map<String, String> drawn = new java.util.HashMap<>();
        for (String part : parts) {
            String was = form.getFirst("was-" + part);
            if (was != null) {
                drawn.put(part, text(was));
            }
        }
        return new SinceDrawn(drawn);
    }

    /** The parts whose value as typed is not the one drawn, in the order given; every part the page did not carry. */
    Set<String> changed(Map<String, String> typed) {
        Set<String> changed = new LinkedHashSet<>();
        typed.forEach((part, value) -> {
            if (!drawn.containsKey(part) || !drawn.get(part).equals(text(value))) {
                changed.add(part);
            }
        });
        return changed;
    }

    /**
     * Next to each part of {@code changed} whose value {@code now} is not the one drawn, the words
     * {@code said} gives it (under the form's field {@code field} names): the form is drawn again with
     * what was typed and the value now, and saving again (the page now drawn with the value now)
     * replaces it.
     */
    void changedElsewhere(Typed typed, Set<String> changed, Map<String, String> now, Function<String, String> field,
                          Function<String, String> said) {
        for (String part : changed) {
            if (drawn.containsKey(part) && now.containsKey(part) && !drawn.get(part).equals(text(now.get(part)))) {
                typed.error(field.apply(part), said.apply(part));
            }
        }
    }

    /** The usual words: "Headline was changed elsewhere after you opened this page; it is now “…”. Save again …". */
    static String changedTo(String label, String now) {
        return label + " was changed elsewhere after you opened this page; it is now \u201c"
                + (now.length() > 120 ? TextField.cut(now, 120) + "\u2026" : now)
                + "\u201d. Save again to replace it with what you typed.";
    }

    /** Text as the API keeps it: line breaks as LF, no spaces around. */
    static String text(String value) {
        return value.replace("\r\n", "\n").strip();
    }
}
