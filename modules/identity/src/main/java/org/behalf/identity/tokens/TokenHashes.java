package org.behalf.identity.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of secrets and token values, hex lower-case: what is stored and indexed instead of them. */
public final class TokenHashes {

    /** Marks a stored token value as a hash, so that it is never hashed twice. */
    static final String PREFIX = "sha256:";

    private TokenHashes() {
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index key of a token value, whether it is the value itself or its stored hash. */
    static String keyOf(String value) {
        return value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : sha256(value);
    }
}
