package org.behalf.network.invitations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Invitations: a new one is inserted ({@link Inserts}), an answered one saved whole. */
interface InvitationRepository extends Repository<Invitation, String>, Inserts<Invitation> {

    /** Which list a member asks for: an allow-list, never caller text in SQL (SECURITY-CASES 25). */
    enum Direction {
        RECEIVED, SENT, INTRODUCTIONS
    }

    Invitation save(Invitation invitation);

    /** The invitation, its row locked until the transaction ends: two answers to one invitation apply one after the other. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Invitation> findLockedById(String id);

    /**
     * {@link #findLockedById}, for an id of an invitation id's shape only: the column compares byte for
     * byte (V202612070953) but pads, and found "inv_…   " as "inv_…" (docs/security.md rule 26).
     */
    default Optional<Invitation> lock(String id) {
        return OpaqueIds.isOf(Invitation.ID_PREFIX, id) ? findLockedById(id) : Optional.empty();
    }

    Optional<Invitation> findById(String id);

    /** The invitation, not locked, for an id of an invitation id's shape only (as {@link #lock}). */
    default Optional<Invitation> find(String id) {
        return OpaqueIds.isOf(Invitation.ID_PREFIX, id) ? findById(id) : Optional.empty();
    }

    /**
     * Whom the member's open invitations (pending or waiting to be forwarded) go to. A locking read:
     * it sees what other transactions committed after this one's snapshot was taken, which a plain
     * read under REPEATABLE READ would not (the caller holds the member's lock, see
     * {@code NetworkMembers.lock}). It walks the {@code from_id} index, never the whole table.
     */
    @Query("SELECT to_id FROM network_invitation WHERE from_id = :member AND status IN ('PENDING', 'FORWARDING') FOR UPDATE")
    List<String> openSentBy(@Param("member") String memberId);

    /** Closes what {@code from} still has open towards {@code to}; how many. */
    @Modifying
    @Query("UPDATE network_invitation SET status = :status, answered_at = :at WHERE from_id = :from AND to_id = :to "
            + "AND status IN ('PENDING', 'FORWARDING')")
    int closeOpen(String from, String to, Invitation.Status status, Instant at);

    @Modifying
    @Query("UPDATE network_invitation SET status = :status, answered_at = :at WHERE from_id = :member AND status IN ('PENDING', 'FORWARDING')")
    int closeOpenSent(String member, Invitation.Status status, Instant at);

    @Modifying
    @Query("UPDATE network_invitation SET status = :status, answered_at = :at WHERE to_id = :member AND status IN ('PENDING', 'FORWARDING')")
    int closeOpenReceived(String member, Invitation.Status status, Instant at);

    /** Closes what a member still has open, sent ({@code sent}) and received ({@code received}); how many. */
    default int closeAllOpen(String memberId, Invitation.Status sent, Invitation.Status received, Instant at) {
        return closeOpenSent(memberId, sent, at) + closeOpenReceived(memberId, received, at);
    }

    /** A page of a member's invitations, newest first, after the cursor ({@code beforeAt}, {@code beforeId}) when given. */
    default List<Invitation> page(String memberId, Direction direction, Instant beforeAt, String beforeId, int limit) {
        return switch (direction) {
            case RECEIVED -> received(memberId, beforeAt, beforeId, limit);
            case SENT -> sent(memberId, beforeAt, beforeId, limit);
            case INTRODUCTIONS -> introductions(memberId, beforeAt, beforeId, limit);
        };
    }

    // Keyset pages, one statement per direction so that each walks its own index (to_id, from_id or
    // via_id with created_at); a derived query cannot say "after (created_at, id)".
    String AFTER = " AND (:beforeAt IS NULL OR created_at < :beforeAt OR (created_at = :beforeAt AND id < :beforeId))"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit";

    /** Only those the invitee was shown: an introduction never forwarded stays between its sender and the introducer, however it ended. */
    @Query("SELECT * FROM network_invitation WHERE to_id = :member AND reached_invitee = TRUE" + AFTER)
    List<Invitation> received(String member, Instant beforeAt, String beforeId, int limit);

    @Query("SELECT * FROM network_invitation WHERE from_id = :member" + AFTER)
    List<Invitation> sent(String member, Instant beforeAt, String beforeId, int limit);

    @Query("SELECT * FROM network_invitation WHERE via_id = :member" + AFTER)
    List<Invitation> introductions(String member, Instant beforeAt, String beforeId, int limit);
}
