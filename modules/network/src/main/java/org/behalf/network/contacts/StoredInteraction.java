package org.behalf.network.contacts;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An entry of a contact's communication log as stored, the aggregate of {@code network_contact_interaction}; never changed. */
@Table("network_contact_interaction")
record StoredInteraction(@Id Key key, String kind, LocalDate occurredOn, String summary) {

    /** The table's primary key: the owner first (sharding by account), the contact, the entry. */
    record Key(String ownerId, String contactId, String id) {
    }

    static StoredInteraction of(String owner, String contactId, Contact.Interaction interaction) {
        return new StoredInteraction(new Key(owner, contactId, interaction.id()), interaction.kind(), LocalDate.parse(interaction.date()),
                interaction.summary());
    }

    Contact.Interaction interaction() {
        return new Contact.Interaction(key.id(), kind, occurredOn.toString(), summary);
    }
}
