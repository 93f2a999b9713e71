package org.behalf.network;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.behalf.kernel.InvalidRequest;

/**
 * A position in a newest-first list: the last item's time and id. Opaque to clients (base64url),
 * and refused with a problem naming {@code cursor} when it does not decode.
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no cursor (the first page). */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))), text.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidRequest("cursor", "Not a cursor from a previous page.");
        }
    }
}
