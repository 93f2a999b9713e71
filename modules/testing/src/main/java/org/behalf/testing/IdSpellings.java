package org.behalf.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Other spellings of an opaque id, as a caller might send them in a URL, for the tests of
 * docs/security.md rule 26 (an id is one string, also on a database whose collation ignores case and
 * accents, and every MySQL collation pads trailing spaces).
 */
public final class IdSpellings {

    private IdSpellings() {
    }

    /**
     * The id with a letter of its random part in the other case (a random part with no letter is rare
     * enough, 1 in 10^12, to be no concern), and the id with two trailing spaces, percent-encoded.
     */
    public static List<String> inUrls(String id) {
        List<String> spellings = new ArrayList<>();
        for (int i = id.indexOf('_') + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isLetter(c)) {
                char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                spellings.add(id.substring(0, i) + swapped + id.substring(i + 1));
                break;
            }
        }
        spellings.add(id + "%20%20");
        return spellings;
    }
}
