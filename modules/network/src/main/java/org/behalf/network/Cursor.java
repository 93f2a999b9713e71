package org.behalf.network;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.behalf.kernel.Cursors;

/**
 * A position in a newest-first list: the last item's time and id. Opaque to clients
 * ({@link Cursors}), and refused with a problem naming {@code cursor} when it does not decode.
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        return Cursors.encode(Long.toString(at.toEpochMilli()), id);
    }

    /**
     * Null for no cursor (the first page). {@code ids} says which ids the list's items have: a cursor whose id part
     * is none of them (cut short, emptied, replaced) is refused like one that does not decode, not read as a
     * position (docs/security.md rule 24; black-box finding 20, 2026-12-07).
     */
    public static Cursor decode(String cursor, Predicate<String> ids) {
        List<String> parts = Cursors.decode(cursor, 2);
        if (parts == null) {
            return null;
        }
        if (!ids.test(parts.get(1))) {
            throw Cursors.refused();
        }
        try {
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts.get(0))), parts.get(1));
        } catch (NumberFormatException e) {
            throw Cursors.refused();
        }
    }
}
