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
final class Names {

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]");
    /**
     * After normalisation, printable ASCII only (an internationalised domain in its punycode
     * form): like handles, e-mails then have no cross-script confusables (SECURITY-CASES 26).
     */
    private static final Pattern EMAIL = Pattern.compile("[!-?A-~&&[^@]]{1,64}@[!-~&&[^@.]]+(\\.[!-~&&[^@.]]+)+");

    private Names() {
    }

    static String handleKey(String handle) {
        return fold(handle);
    }

    /**
     * The handle as it is stored and shown: its compatibility form, case kept. A valid handle's is
     * printable ASCII (docs/security.md rule 26), where the handle as typed may be a look-alike
     * (U+2024, full-width letters) that only folds to it.
     */
    static String handleShown(String handle) {
        return Normalizer.normalize(handle.strip(), Normalizer.Form.NFKC);
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
        String composed = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
        return Normalizer.normalize(composed.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }
}
