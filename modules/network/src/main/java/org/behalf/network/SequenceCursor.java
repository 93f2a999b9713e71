package org.behalf.network;

import java.util.List;

import org.behalf.kernel.Cursors;

/**
 * A position in a list ordered by a sequence number, newest first (a conversation's messages, a
 * member's invitations): the last item's number. Opaque to clients ({@link Cursors}), and refused
 * with a problem naming {@code cursor} when it does not decode.
 */
public record SequenceCursor(long seq) {

    public String encode() {
        return Cursors.encode(Long.toString(seq));
    }

    /** Null for no cursor (the first page). */
    public static SequenceCursor decode(String cursor) {
        List<String> parts = Cursors.decode(cursor, 1);
        if (parts == null) {
            return null;
        }
        try {
            return new SequenceCursor(Long.parseLong(parts.get(0)));
        } catch (NumberFormatException e) {
            throw Cursors.refused();
        }
    }
}
