package org.behalf.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one codec of the opaque cursors that page through lists: the parts of a position (a time
 * and an id, a name and an id, an offset), each base64url-encoded on its own and joined by dots,
 * which base64url never produces, so that no part (a name may hold any text, line breaks
 * included) can be mistaken for the separator. A cursor that does not decode is refused with a
 * problem naming {@code cursor}.
 */
public final class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Cursors() {
    }

    public static String encode(String... parts) {
        List<String> encoded = new ArrayList<>(parts.length);
        for (String part : parts) {
            encoded.add(ENCODER.encodeToString(part.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", encoded);
    }

    /** The {@code count} parts of a cursor from a previous page; null for no cursor (the first page). */
    public static List<String> decode(String cursor, int count) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String[] encoded = cursor.split("\\.", -1);
        if (encoded.length != count) {
            throw refused();
        }
        List<String> parts = new ArrayList<>(count);
        try {
            for (String part : encoded) {
                parts.add(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        return parts;
    }

    /** The answer to a cursor that decodes but names no position (a part that is not a number). */
    public static InvalidRequest refused() {
        return new InvalidRequest("cursor", "Not a cursor from a previous page.");
    }
}
