package org.behalf.network.contacts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A contact as stored, the aggregate of {@code network_contact}: the answer's {@link Contact} with
 * the owner it belongs to, whose id is the first half of the key (sharding by account). Its
 * communication log is an aggregate of its own ({@link StoredInteraction}): it grows without end
 * and is never loaded with the contact.
 */
@Table("network_contact")
record StoredContact(@Id Key key, String name, Lines emails, Lines phones, String company, String title, String notes,
                     Lines tags, Instant createdAt) {

    /** The table's primary key. */
    record Key(String ownerId, String id) {
    }

    static StoredContact of(String owner, Contact contact) {
        return new StoredContact(new Key(owner, contact.id()), contact.name(), new Lines(contact.emails()), new Lines(contact.phones()),
                contact.company(), contact.title(), contact.notes(), new Lines(contact.tags()), contact.createdAt());
    }

    Contact contact() {
        return new Contact(key.id(), name, emails.values(), phones.values(), company, title, notes, tags.values(), createdAt);
    }

    /**
     * A list stored in one column, one value per line ({@link ContactColumns}): phone numbers have
     * spaces, and the rules let no value hold a line break.
     */
    record Lines(List<String> values) {

        static final String SEPARATOR = "\n";

        Lines {
            values = List.copyOf(values);
        }

        String column() {
            return String.join(SEPARATOR, values);
        }

        static Lines of(String column) {
            return new Lines(column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(SEPARATOR)));
        }
    }
}
