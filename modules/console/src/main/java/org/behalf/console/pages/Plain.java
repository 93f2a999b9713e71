package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Values of a change as people read them, as {@code ${@plain.value(...)}}: text as it is, a time as
 * the viewer's clock says it ({@link When}), a list as "Java, Leadership", nothing as "(empty)";
 * never JSON (issue 18 item 1). Characters that are invisible or reorder the text around them are
 * shown by their code ({@link #text}): a reviewer approves what they see.
 */
@Component("plain")
class Plain {

    /** An ISO-8601 instant as the API writes one ("2026-12-18T23:59:59Z"). */
    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");

    /**
     * Longer than this, a value is shown by its beginning, with the whole of it in a {@code <details>}
     * ({@code console/layout :: whole}): a summary of 2,600 characters spread over a review's column
     * took the page (black-box finding).
     */
    static final int BRIEF = 300;

    /**
     * Unicode's bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the invisible
     * characters that do nothing but hide (U+200B, U+2060, U+FEFF): a held summary of "Line2 ", U+202E,
     * "RTL" was drawn as "Line2 LTR", not what approving stores (black-box finding). Not U+200C or
     * U+200D, which join emoji and shape Arabic and Indic scripts; not U+00AD, which only marks where
     * a word may break.
     */
    private static final java.util.regex.Pattern HIDDEN = java.util.regex.Pattern.compile(
            "[\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]");

    private final When when;

    Plain(When when) {
        this.when = when;
    }

    public String value(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "(empty)";
        }
        if (value.isString()) {
            String text = value.asString();
            return text.isBlank() ? "(empty)" : INSTANT.matcher(text).matches() ? when.text(text) : text(text);
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isObject() ? object(item) : value(item)));
            return items.isEmpty() ? "(empty)" : String.join(item(value) ? "; " : ", ", items);
        }
        if (value.isObject()) {
            return object(value);
        }
        return value.asString();
    }

    /**
     * Text someone typed, each hidden character shown by its code ("⟨U+202E⟩"), so that it
     * neither vanishes nor turns the text after it around; line breaks stay (the page keeps them:
     * {@code console/layout :: typed}).
     */
    public String text(String typed) {
        if (typed == null) {
            return "";
        }
        return HIDDEN.matcher(typed).replaceAll(hidden -> String.format("\u27e8U+%04X\u27e9", (int) hidden.group().charAt(0)));
    }

    /** Whether the value is too long to show whole in a table's cell. */
    public boolean isLong(JsonNode value) {
        return value(value).length() > BRIEF;
    }

    /** The value, or its beginning up to a word's end and "…" when it is long. */
    public String brief(JsonNode value) {
        String text = value(value);
        if (text.length() <= BRIEF) {
            return text;
        }
        int cut = text.lastIndexOf(' ', BRIEF - 1);
        return text.substring(0, cut < BRIEF / 2 ? BRIEF - 1 : cut).replaceAll("[\\s.,;:]+$", "") + "…";
    }

    /** How many characters the value has as shown. */
    public int length(JsonNode value) {
        return value(value).length();
    }

    /**
     * The fields a change touches, as a sentence says them ("headline and location"): what a review's
     * Approve and Reject are named by, so that a screen reader tells one row's buttons from the next.
     */
    public String fields(JsonNode changes) {
        List<String> labels = new ArrayList<>();
        changes.forEach(change -> labels.add(change.path("label").asString("").toLowerCase(java.util.Locale.ROOT)));
        if (labels.size() < 2) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    private static boolean item(JsonNode list) {
        return !list.isEmpty() && list.get(0).isObject();
    }

    /** A position or an education entry: its values in order, without the empty ones. */
    private String object(JsonNode object) {
        List<String> parts = new ArrayList<>();
        object.forEach(part -> {
            if (!part.isNull() && !part.asString("").isBlank()) {
                parts.add(part.isString() ? text(part.asString()) : part.toString());
            }
        });
        return String.join(" · ", parts);
    }
}
