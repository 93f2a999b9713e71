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

    /**
     * Other spellings of an id as a caller sends it in a form field, a header or a cookie, not
     * percent-encoded: a letter in the other case (any letter, so that a name such as {@code behalf-cli}
     * has one too), the first vowel with an acute accent (which MariaDB's {@code utf8mb4_general_ci} and
     * MySQL 8's {@code utf8mb4_0900_ai_ci} ignore; none for an id without a vowel), and two trailing spaces.
     */
    public static List<String> asSent(String id) {
        List<String> spellings = new ArrayList<>();
        for (int i = id.length() - 1; i >= 0; i--) {
            char c = id.charAt(i);
            if (Character.isLetter(c)) {
                char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                spellings.add(id.substring(0, i) + swapped + id.substring(i + 1));
                break;
            }
        }
        for (int i = 0; i < id.length(); i++) {
            int vowel = "aeiouyAEIOUY".indexOf(id.charAt(i));
            if (vowel >= 0) {
                spellings.add(id.substring(0, i) + "áéíóúýÁÉÍÓÚÝ".charAt(vowel) + id.substring(i + 1));
                break;
            }
        }
        spellings.add(id + "  ");
        return spellings;
    }
}
