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

    /**
     * The number of a new invitation between these members (sender, invitee and introducer, if any),
     * whose {@code network_member} rows the caller holds locked ({@code NetworkMembers.lock}): one more
     * than the highest of their clocks, to which their clocks move. Each of a member's lists then holds
     * its invitations numbered in the order sent, without one counter for everyone (a hot row) and
     * without AUTO_INCREMENT (not monotonic across a Galera cluster's nodes, docs/operations.md); the
     * clocks' update makes two nodes numbering for one member at once conflict, and one is run again.
     */
    default long numberFor(List<String> members) {
        long next = clocksOf(members).stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        clocksTo(members, next);
        return next;
    }

    /**
     * A locking read: it sees the clocks other transactions committed after this one's snapshot. Each
     * row's clock, not their MAX: H2 (scripts/run) refuses FOR UPDATE on an aggregate.
     */
    @Query("SELECT invitation_clock FROM network_member WHERE member_id IN (:members) FOR UPDATE")
    List<Long> clocksOf(List<String> members);

    @Modifying
    @Query("UPDATE network_member SET invitation_clock = :at WHERE member_id IN (:members)")
    void clocksTo(List<String> members, long at);

    /** A page of a member's invitations, newest first, before the one numbered {@code beforeSeq} when given. */
    default List<Invitation> page(String memberId, Direction direction, Long beforeSeq, int limit) {
        return switch (direction) {
            case RECEIVED -> received(memberId, beforeSeq, limit);
            case SENT -> sent(memberId, beforeSeq, limit);
            case INTRODUCTIONS -> introductions(memberId, beforeSeq, limit);
        };
    }

    // Keyset pages, one statement per direction so that each walks its own index (to_id, from_id or
    // via_id with seq); a derived query cannot say "before this number".
    String BEFORE = " AND (:beforeSeq IS NULL OR seq < :beforeSeq) ORDER BY seq DESC LIMIT :limit";

    /** Only those the invitee was shown: an introduction never forwarded stays between its sender and the introducer, however it ended. */
    @Query("SELECT * FROM network_invitation WHERE to_id = :member AND reached_invitee = TRUE" + BEFORE)
    List<Invitation> received(String member, Long beforeSeq, int limit);

    @Query("SELECT * FROM network_invitation WHERE from_id = :member" + BEFORE)
    List<Invitation> sent(String member, Long beforeSeq, int limit);

    @Query("SELECT * FROM network_invitation WHERE via_id = :member" + BEFORE)
    List<Invitation> introductions(String member, Long beforeSeq, int limit);
}
