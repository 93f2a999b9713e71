package org.behalf.network.contacts;

import java.util.List;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Contacts' communication logs ({@link StoredInteraction}), scoped by the owner like the contacts (SECURITY-CASES 20). */
interface InteractionRepository extends Repository<StoredInteraction, StoredInteraction.Key>, Inserts<StoredInteraction> {

    default void add(String owner, String contactId, Contact.Interaction interaction) {
        insert(StoredInteraction.of(owner, contactId, interaction));
    }

    /** A contact's log, most recent first. */
    default List<Contact.Interaction> of(String owner, String contactId) {
        return logOf(owner, contactId).stream().map(StoredInteraction::interaction).toList();
    }

    @Query("SELECT * FROM network_contact_interaction WHERE owner_id = :owner AND contact_id = :contact ORDER BY occurred_on DESC, id")
    List<StoredInteraction> logOf(String owner, String contact);

    /**
     * How many entries a contact's log has, read as committed, with the range locked until the
     * transaction ends so that none is added meanwhile (undoing an addition removes the log with the contact).
     */
    @Query("SELECT COUNT(*) FROM network_contact_interaction WHERE owner_id = :owner AND contact_id = :contact FOR UPDATE")
    int lockCount(String owner, String contact);

    /** A removed contact's log. A statement, not a derived delete, which reads every entry first to delete them one by one. */
    @Modifying
    @Query("DELETE FROM network_contact_interaction WHERE owner_id = :owner AND contact_id = :contact")
    void removeAll(String owner, String contact);
}
