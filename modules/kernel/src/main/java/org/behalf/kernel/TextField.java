package org.behalf.kernel;

import java.util.function.IntPredicate;

/**
 * A free-text field (a profile's, a contact's, a grant's note and terms): stripped, bounded, no
 * control characters but line breaks and tabs. A line break is stored as LF whichever way it came:
 * browsers submit a textarea's line breaks as CRLF (HTML's form submission rules), and refusing the
 * CR refused every summary typed with a line break in it.
 */
public final class TextField {

    private TextField() {
    }

    /** The stripped value, or null for null; refused with a problem naming {@code field} when too long or unprintable. */
    public static String check(String field, String value, int max) {
        return value == null ? null : bounded(field, value.replace("\r\n", "\n").replace('\r', '\n').strip(), max,
                c -> c == '\n' || c == '\t', "Control characters are not allowed.");
    }

    /**
     * A one-line field (a stream's status reason): stripped, bounded, and no control character at
     * all, line breaks and tabs included, as it is shown and echoed as one line. Null for null. A
     * status reason holding escape sequences, bells and line breaks was stored and echoed (black-box
     * testing on 2026-12-06, docs/security.md rules 34 and 42).
     */
    public static String line(String field, String value, int max) {
        return value == null ? null : bounded(field, value.strip(), max, c -> false,
                "Write it on one line: line breaks, tabs and other control characters are not allowed.");
    }

    /**
     * A name people decide by (an app on the consent page, a member, an AI assistant): one line with
     * no control character (a line or paragraph separator included), no character that turns the
     * direction of the text around it (U+202A to U+202E, U+2066 to U+2069: "\u202eppa" shows as
     * "app" written backwards, a way to pass one name off as another), and something visible (a name
     * of only U+200B, U+FEFF, a Hangul filler or the Braille blank shows as nothing); refused naming {@code field}. How long a name may be is
     * the caller's, in its own words. Black-box testing, 2026-12-07: an app could be registered under
     * each of these.
     */
    public static void checkName(String field, String text) {
        String why = whyNotAName(text);
        if (why != null) {
            throw new InvalidRequest(field, why);
        }
    }

    /** What is wrong with the text as a name ({@link #checkName}), in words, or null. */
    public static String whyNotAName(String text) {
        if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return "Write it on one line, without control characters.";
        }
        if (text.chars().anyMatch(c -> (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069'))) {
            return "Characters that turn the direction of the text around are not allowed in a name.";
        }
        if (text.codePoints().allMatch(TextField::isInvisible)) {
            return "A name needs a visible character.";
        }
        return null;
    }

    /**
     * Whether the character shows as nothing: a space, a format character, one of Unicode's
     * Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1; Java has no such property), or
     * the Braille blank U+2800. The Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 are letters to Java and
     * the Braille blank a symbol, so a display name of only those passed as visible and showed as a blank
     * sender (black-box finding 1, 2026-12-07).
     */
    private static boolean isInvisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == 0x2800 || isDefaultIgnorable(c);
    }

    /** Unicode's Default_Ignorable_Code_Point, as DerivedCoreProperties.txt (Unicode 15.1) lists it. */
    private static boolean isDefaultIgnorable(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /**
     * How many characters the text has, as a limit stated in characters counts them: code points,
     * what a utf8mb4 column's {@code VARCHAR(n)} holds n of. Counted in UTF-16 units, 111 emoji were
     * refused as over "At most 220 characters." (black-box findings, 2026-12-07: network 5, console 15).
     */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The text, refused naming {@code field} when longer than {@code max} or holding a control character not {@code allowed}. */
    private static String bounded(String field, String text, int max, IntPredicate allowed, String controlWords) {
        if (length(text) > max) {
            throw new InvalidRequest(field, "At most " + max + " characters.");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && !allowed.test(c))) {
            throw new InvalidRequest(field, controlWords);
        }
        return text;
    }

    /**
     * At most {@code max} UTF-16 units of the text (null for null), cut between two characters, never
     * inside one: the half of a surrogate pair a plain cut leaves is not Unicode, and the database
     * driver stores it as {@code ?} (docs/security.md rule 40). Every bounded text kept for the log
     * (a user agent, a reason, a recorded body) is cut here. Black-box testing, 2026-12-07: a user
     * agent of 511 letters and an emoji was recorded as the letters and {@code ?}.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) && Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /**
     * Whether the text is Unicode: every surrogate is half of a pair, in order. JSON's {@code \ud800}
     * escape can spell half a pair, which Java keeps in a string and the database driver stores as
     * {@code ?} (docs/security.md rule 40).
     */
    public static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
