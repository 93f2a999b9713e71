package org.behalf.kernel;

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
        if (value == null) {
            return null;
        }
        String stripped = value.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (stripped.length() > max) {
            throw new InvalidRequest(field, "At most " + max + " characters.");
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidRequest(field, "Control characters are not allowed.");
        }
        return stripped;
    }
}
