package org.behalf.identity.clients;

import java.text.Normalizer;
import java.util.regex.Pattern;

import org.behalf.identity.member.Names;
import org.jspecify.annotations.Nullable;

/**
 * The product's own name is not an app's: an app anyone registers (an integrator's, or one that
 * registered itself, RFC 7591) is shown on the consent page under the name it chose, and "Behalf
 * Console" asking for a person's messages reads as Behalf's own (black-box finding F3, 2026-12-07;
 * RFC 7591 section 5: self-asserted metadata is to be treated with care). So a name holding
 * "Behalf" in any spelling is refused: compared as handles are ({@link Names#handleKey}: NFKC, so
 * full-width and other compatibility look-alikes fold, then lower case), without accents, the
 * invisible characters (U+200B and the other format characters) and punctuation between its
 * letters, with the Cyrillic and Greek letters that pass for its Latin ones (Unicode's confusables,
 * UTS #39, for these six letters) and the digits that do (8, 3, 4, 1) read as those letters.
 * Spaces still part words, so "Maybe half" is a name; "on behalf of" is not, the price of a
 * product named with a common word.
 */
public final class AppNames {

    /** "behalf", each letter also as the digits and ASCII letters that pass for it. */
    private static final Pattern PRODUCT = Pattern.compile("[b8][e3][h][a4][l1i][f]");
    /**
     * Lower-case Cyrillic, Greek and Latin letters (and two signs) that look like a letter of
     * "behalf" (after lower casing: В is в), each over the letter it passes for.
     */
    private static final String LOOK_ALIKES = "вьβƅɓеєε℮һнηհаαɑӏіιıǀ|ƒ";
    private static final String LOOKED_LIKE = "bbbbbeeeehhhhaaallllllf";

    private AppNames() {
    }

    /** Why the name may not be an app's, in plain words; {@code null} when it may. */
    public static @Nullable String whyNotAnAppName(String name) {
        StringBuilder skeleton = new StringBuilder();
        Normalizer.normalize(Names.handleKey(name), Normalizer.Form.NFD).codePoints().forEach(c -> {
            int lookAlike = LOOK_ALIKES.indexOf(c);
            if (lookAlike >= 0) {
                skeleton.append(LOOKED_LIKE.charAt(lookAlike));
            } else if (Character.isLetterOrDigit(c)) {
                skeleton.appendCodePoint(c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                skeleton.append(' ');
            }
            // Anything else (accents, U+200B and other format characters, punctuation) joins what it stands between.
        });
        return PRODUCT.matcher(skeleton).find()
                ? "An app's name may not hold Behalf, the product's own name, in any spelling: people would take the app for Behalf's own."
                : null;
    }
}
