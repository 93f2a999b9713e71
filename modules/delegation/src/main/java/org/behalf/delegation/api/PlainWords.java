package org.behalf.delegation.api;

import java.util.List;

/** Lists in plain words for people: "Headline", "Headline and Location", "Headline, Location and Skills". */
public final class PlainWords {

    private PlainWords() {
    }

    public static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
