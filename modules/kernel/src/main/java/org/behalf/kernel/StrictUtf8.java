package org.behalf.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes read as UTF-8 text only if they are UTF-8 (RFC 3629), overlong forms and lone surrogates
 * refused: {@code new String(bytes, UTF_8)} replaces what it cannot read with U+FFFD, and a replaced
 * value stored is one altered without a word (docs/security.md rule 40).
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The text the bytes spell, or empty if they are not UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            // A new decoder reports malformed and unmappable input rather than replacing it.
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
