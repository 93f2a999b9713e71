package org.behalf.delegation.api;

import java.util.List;

/** Lists in plain words for people: "Headline", "Headline and Location", "Headline, Location and Skills". */
public final class PlainWords {

    private PlainWords() {
    }

    public static String and(List<String> items) {
        return joined(items, " and ");
    }

    /** "holder or delegate", "a, b or c". */
    public static String or(List<String> items) {
        return joined(items, " or ");
    }

    private static String joined(List<String> items, String last) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** Why a change cannot be undone: the fields (in plain words) that were changed again since it was made. */
    public static String changedAgain(List<String> labels) {
        return and(labels) + (labels.size() == 1 ? " was" : " were")
                + " changed again since, so undoing would throw that newer change away. Nothing was changed.";
    }
}
