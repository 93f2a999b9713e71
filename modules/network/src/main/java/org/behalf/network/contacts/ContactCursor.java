package org.behalf.network.contacts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.behalf.kernel.InvalidRequest;

/**
 * A position in the address book, which is ordered by (name, id). Names may hold any text a
 * member typed, line breaks included, so each part is base64url-encoded on its own and the two
 * are joined by a dot, which base64url never produces: no name can be mistaken for the separator.
 */
record ContactCursor(String name, String id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    static ContactCursor after(Contact last) {
        return new ContactCursor(last.name(), last.id());
    }

    String encode() {
        return part(name) + "." + part(id);
    }

    /** Null for no cursor (the first page); refused with a problem naming {@code cursor} when it does not decode. */
    static ContactCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != 2) {
            throw notACursor();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return new ContactCursor(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8),
                    new String(decoder.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    private static String part(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidRequest notACursor() {
        return new InvalidRequest("cursor", "Not a cursor from a previous page.");
    }
}
