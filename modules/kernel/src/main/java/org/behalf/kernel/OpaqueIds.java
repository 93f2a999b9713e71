package org.behalf.kernel;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Identifiers exposed over HTTP: random, opaque, never sequential (DESIGN.md section 3). The one
 * generator of every module's ids; each kind has its prefix ({@code mbr}, {@code grt}, {@code act}…).
 */
public final class OpaqueIds {

    private static final SecureRandom RANDOM = new SecureRandom();

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
}
