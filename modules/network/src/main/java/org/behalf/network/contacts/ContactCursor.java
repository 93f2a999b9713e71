package org.behalf.network.contacts;

import java.util.List;

import org.behalf.kernel.Cursors;
import org.behalf.kernel.OpaqueIds;

/**
 * A position in the address book, which is ordered by (name, id). Names may hold any text a
 * member typed, line breaks included, which {@link Cursors} keeps apart from the separator.
 */
record ContactCursor(String name, String id) {

    static ContactCursor after(Contact last) {
        return new ContactCursor(last.name(), last.id());
    }

    String encode() {
        return Cursors.encode(name, id);
    }

    /**
     * Null for no cursor (the first page); refused with a problem naming {@code cursor} when it does not decode, or when
     * its id part is no contact id (docs/security.md rule 24), as the network's other cursors are.
     */
    static ContactCursor decode(String cursor) {
        List<String> parts = Cursors.decode(cursor, 2);
        if (parts != null && !OpaqueIds.isOf(Contact.ID_PREFIX, parts.get(1))) {
            throw Cursors.refused();
        }
        return parts == null ? null : new ContactCursor(parts.get(0), parts.get(1));
    }
}
