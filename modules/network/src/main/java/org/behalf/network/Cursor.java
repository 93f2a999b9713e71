package org.behalf.network;

import java.time.Instant;
import java.util.List;

import org.behalf.kernel.Cursors;

/**
 * A position in a newest-first list: the last item's time and id. Opaque to clients
 * ({@link Cursors}), and refused with a problem naming {@code cursor} when it does not decode.
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        return Cursors.encode(Long.toString(at.toEpochMilli()), id);
    }

    /** Null for no cursor (the first page). */
    public static Cursor decode(String cursor) {
        List<String> parts = Cursors.decode(cursor, 2);
        if (parts == null) {
            return null;
        }
        try {
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts.get(0))), parts.get(1));
        } catch (NumberFormatException e) {
            throw Cursors.refused();
        }
    }
}
