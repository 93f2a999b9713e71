package org.behalf.identity.member;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normal forms of handles and e-mails, applied before any uniqueness check or look-up
 * (SECURITY-CASES 26): Unicode compatibility composition (NFKC, so that full-width and other
 * look-alike compatibility characters fold to one form), then case folding. Handles are limited to
 * ASCII letters, digits, dot, dash and underscore after normalisation, which also rules out
 * cross-script confusables.
 */
public final class Names {

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]");
    /** A character of an unquoted local part (RFC 5322 section 3.2.3, atext), after case folding. */
    private static final String ATEXT = "[a-z0-9!#$%&'*+/=?^_`{|}~-]";
    /**
     * After normalisation, printable ASCII only (an internationalised domain in its punycode
     * form): like handles, e-mails then have no cross-script confusables (SECURITY-CASES 26). The
     * local part is a dot-atom and the domain a host name: a quoted local part ({@code "a"@ex.com}),
     * a comment ({@code (x)a@ex.com}) or an address literal ({@code a@[127.0.0.1]}) is another
     * spelling of a mailbox that has a plain one (RFC 5321 section 4.1.2), so it would let one
     * mailbox hold two accounts (black-box finding, 2026-12-07).
     */
    private static final Pattern EMAIL = Pattern.compile("(?=[^@]{1,64}@)" + ATEXT + "+(\\." + ATEXT + "+)*@[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private Names() {
    }

    /** Also how an app's name is compared with the product's ({@code clients.AppNames}): as handles are. */
    public static String handleKey(String handle) {
        return fold(handle);
    }

    /**
     * The handle as it is stored and shown: its compatibility form, case kept. A valid handle's is
     * printable ASCII (docs/security.md rule 26), where the handle as typed may be a look-alike
     * (U+2024, full-width letters) that only folds to it.
     */
    static String handleShown(String handle) {
        return Normalizer.normalize(trimmed(handle), Normalizer.Form.NFKC);
    }

    /**
     * Without plain spaces at the ends, the usual tidying of a typed value. Any other white space
     * or control character stays, to be refused as it is in the middle: {@link String#strip()}
     * cut tabs, line breaks, U+001F and U+2029 off a name or e-mail without a word (docs/security.md
     * rule 40, black-box finding, 2026-12-07).
     */
    static String trimmed(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    static String emailKey(String email) {
        return fold(email);
    }

    static boolean validHandle(String key) {
        return HANDLE.matcher(key).matches();
    }

    static boolean validEmail(String key) {
        return key.length() <= 254 && EMAIL.matcher(key).matches();
    }

    private static String fold(String value) {
        String composed = Normalizer.normalize(trimmed(value), Normalizer.Form.NFKC);
        return Normalizer.normalize(composed.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }
}
