package org.behalf.network.contacts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.persistence.Inserts;
import org.behalf.network.LikePattern;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * The member's address book ({@link StoredContact}): a new contact is inserted ({@link Inserts}),
 * an edited one saved whole. Every statement is scoped by the owner, the first half of the key
 * (SECURITY-CASES 20, 25); the communication log is {@link InteractionRepository}.
 */
interface ContactRepository extends Repository<StoredContact, StoredContact.Key>, Inserts<StoredContact> {

    Optional<StoredContact> findById(StoredContact.Key key);

    StoredContact save(StoredContact contact);

    /**
     * The contact, or empty. Only an id of a contact id's shape is looked up, here, in {@link #lock}
     * and before a delete ({@code ContactService}): the column compares byte for byte (V202612070953) but pads, and found
     * "cnt_…   " as "cnt_…" (docs/security.md rule 26).
     */
    default Optional<Contact> find(String owner, String id) {
        return OpaqueIds.isOf(Contact.ID_PREFIX, id) ? findById(new StoredContact.Key(owner, id)).map(StoredContact::contact) : Optional.empty();
    }

    default void insert(String owner, Contact contact) {
        insert(StoredContact.of(owner, contact));
    }

    default void update(String owner, Contact contact) {
        save(StoredContact.of(owner, contact));
    }

    /**
     * By name, paging on (name, id); {@code text} and {@code tag} filter with bound values. A keyset
     * page with optional filters, which a derived query cannot say; the lists are matched whole
     * lines at a time by putting a line break on each side ({@link StoredContact.Lines}).
     */
    default List<Contact> page(String owner, String text, String tag, String afterName, String afterId, int limit) {
        String like = text == null ? null : LikePattern.containing(text.toLowerCase(Locale.ROOT));
        String line = tag == null ? null : LikePattern.containing(StoredContact.Lines.SEPARATOR + tag + StoredContact.Lines.SEPARATOR);
        return pageOf(owner, like, line, StoredContact.Lines.SEPARATOR, afterName, afterId, limit).stream().map(StoredContact::contact).toList();
    }

    @Query("SELECT * FROM network_contact WHERE owner_id = :owner"
            + " AND (:text IS NULL OR LOWER(name) LIKE :text ESCAPE '!' OR emails LIKE :text ESCAPE '!' OR LOWER(company) LIKE :text ESCAPE '!')"
            + " AND (:tag IS NULL OR CONCAT(:separator, tags, :separator) LIKE :tag ESCAPE '!')"
            + " AND (:afterName IS NULL OR name > :afterName OR (name = :afterName AND id > :afterId))"
            + " ORDER BY name, id LIMIT :limit")
    List<StoredContact> pageOf(String owner, String text, String tag, String separator, String afterName, String afterId, int limit);

    /** The whole address book by name (the bulk export). */
    default List<Contact> all(String owner) {
        return everyOf(owner).stream().map(StoredContact::contact).toList();
    }

    @Query("SELECT * FROM network_contact WHERE owner_id = :owner ORDER BY name, id")
    List<StoredContact> everyOf(String owner);

    /** Whether one of the owner's contacts has exactly this address ({@code _} and {@code %} in it match only themselves). */
    /**
     * Locks the member's import row (creating it on first use) until the transaction ends. ON
     * DUPLICATE KEY takes the exclusive lock directly, so two first imports never deadlock on a
     * shared lock each wants to raise.
     */
    @Modifying
    @Query("INSERT INTO network_contact_import (owner_id) VALUES (:owner) ON DUPLICATE KEY UPDATE owner_id = owner_id")
    void lockForImport(String owner);

    /**
     * Every e-mail address in the member's address book, read as committed (a locking read, after
     * {@link #lockForImport}): an import checks each row against these once, where a query per row made
     * a 5,000-row import take 18–34 s while a delegate's held the grant's row (docs/security.md rule 36),
     * and an import waiting for another sees its rows. Black-box testing, 2026-12-06.
     */
    default java.util.Set<String> lockEmails(String owner) {
        java.util.Set<String> emails = new java.util.HashSet<>();
        emailColumns(owner).forEach(column -> emails.addAll(StoredContact.Lines.of(column).values()));
        return emails;
    }

    @Query("SELECT emails FROM network_contact WHERE owner_id = :owner FOR UPDATE")
    List<String> emailColumns(String owner);

    /**
     * The contact, its row locked until the transaction ends, read as committed: undoing a change
     * compares the row with what the change left, and a plain read in a transaction that read before
     * (the activity entry) sees its snapshot, which may predate the holder's latest edit.
     */
    default Optional<Contact> lock(String owner, String id) {
        return OpaqueIds.isOf(Contact.ID_PREFIX, id) ? lockOf(owner, id).map(StoredContact::contact) : Optional.empty();
    }

    @Query("SELECT * FROM network_contact WHERE owner_id = :owner AND id = :id FOR UPDATE")
    Optional<StoredContact> lockOf(String owner, String id);

    /** Removes the contact; whether it was there (a derived delete would not say). Its log goes first ({@link InteractionRepository}). */
    @Modifying
    @Query("DELETE FROM network_contact WHERE owner_id = :owner AND id = :id")
    int remove(String owner, String id);
}
