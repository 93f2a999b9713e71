package org.behalf.network;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers exposed over HTTP: random, opaque, never sequential (DESIGN.md section 3). */
public final class OpaqueIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueIds() {
    }

    /** {@code prefix_} and 22 characters of base64url from 128 random bits. */
    public static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
