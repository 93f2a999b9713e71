package org.behalf.kernel;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Identifiers exposed over HTTP: random, opaque, never sequential (DESIGN.md section 3). The one
 * generator of every module's ids; each kind has its prefix ({@code mbr}, {@code grt}, {@code act}…).
 */
public final class OpaqueIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9_-]{22}");

    private OpaqueIds() {
    }

    /** {@code prefix_} and 22 characters of base64url from 128 random bits. */
    public static String next(String prefix) {
        return prefix + "_" + random(16);
    }

    /** Base64url, without padding, of this many random bytes. */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /**
     * Whether {@code id} is spelt as {@link #next} spells ids of this prefix. An id is one string
     * (DESIGN.md section 3): a look-up by another spelling must find nothing, and MySQL's collations
     * pad, so that even a byte-for-byte column takes "grt_x   " for "grt_x" (docs/security.md rule 26).
     */
    public static boolean isOf(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 23 && id.startsWith(prefix + "_")
                && RANDOM_PART.matcher(id).region(prefix.length() + 1, id.length()).matches();
    }
}
