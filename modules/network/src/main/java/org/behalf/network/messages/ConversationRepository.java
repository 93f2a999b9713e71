package org.behalf.network.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.behalf.kernel.OpaqueIds;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/** Conversations, and how far each member has read them ({@code network_conversation_read}). */
interface ConversationRepository extends Repository<Conversation, String> {

    Optional<Conversation> findById(String id);

    Optional<Conversation> findByMemberAAndMemberB(String memberA, String memberB);

    default Optional<Conversation> between(String a, String b) {
        return a.compareTo(b) < 0 ? findByMemberAAndMemberB(a, b) : findByMemberAAndMemberB(b, a);
    }

    /**
     * The pair's conversation, created now if there is none, its row locked until the transaction
     * ends. Two first messages at once each found none, and the unique pair index refused the
     * second's insert: it was answered 500 instead of landing in the conversation the first made.
     * "Insert unless there" is one statement, and the row is then read locked, which sees a
     * conversation another transaction committed since this one's first read (a plain read, under
     * REPEATABLE READ, would not). The lock also makes the senders of the pair's first messages take
     * their turns, so their messages and read marks never race.
     */
    default Conversation open(String a, String b, Instant at) {
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        createUnlessThere(OpaqueIds.next(Conversation.ID_PREFIX), first, second, at);
        return findLockedPair(first, second).orElseThrow();
    }

    /** Hand-written: "insert unless there" is one statement in MySQL (as the profile's create). */
    @Modifying
    @Query("INSERT INTO network_conversation (id, member_a, member_b, created_at, last_message_at) VALUES (:id, :memberA, :memberB, :at, :at) "
            + "ON DUPLICATE KEY UPDATE id = id")
    void createUnlessThere(String id, String memberA, String memberB, Instant at);

    @Query("SELECT * FROM network_conversation WHERE member_a = :memberA AND member_b = :memberB FOR UPDATE")
    Optional<Conversation> findLockedPair(String memberA, String memberB);

    /**
     * The conversation, its row locked until the transaction ends: a new message takes the number
     * after {@code lastSeq} (a locked read sees the latest committed one), so that two messages of a
     * conversation never get one number, on one node or, through the row's update, across a cluster.
     */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Conversation> findLockedById(String id);

    /** After a new message: its number is the latest, and the conversation moves up the member's list. One statement, not a read and a save. */
    @Modifying
    @Query("UPDATE network_conversation SET last_seq = :seq, last_message_at = :at WHERE id = :id")
    void advanced(String id, long seq, Instant at);

    /**
     * A member's conversations, most recent first, after the cursor when given. Hand-written: one
     * half per index ({@code member_a}, {@code member_b} with {@code last_message_at}), where an OR
     * of the two columns would read every conversation.
     */
    @Query("SELECT * FROM network_conversation WHERE member_a = :member"
            + " AND (:beforeAt IS NULL OR last_message_at < :beforeAt OR (last_message_at = :beforeAt AND id < :beforeId))"
            + " UNION ALL SELECT * FROM network_conversation WHERE member_b = :member"
            + " AND (:beforeAt IS NULL OR last_message_at < :beforeAt OR (last_message_at = :beforeAt AND id < :beforeId))"
            + " ORDER BY last_message_at DESC, id DESC LIMIT :limit")
    List<Conversation> of(String member, Instant beforeAt, String beforeId, int limit);

    /** Every conversation of the member, oldest first (the bulk export); one half per index as above. */
    @Query("SELECT * FROM network_conversation WHERE member_a = :member UNION ALL "
            + "SELECT * FROM network_conversation WHERE member_b = :member ORDER BY created_at, id")
    List<Conversation> all(String member);

    /**
     * Messages from the other member numbered after the one the member last read up to: by number, not
     * time, as a message in the same second as "mark read" has the same stored time on MariaDB 10.x.
     */
    @Query("SELECT COUNT(*) FROM network_message m WHERE m.conversation_id = :conversationId AND m.sender_id <> :member "
            + "AND m.seq > COALESCE((SELECT r.read_seq FROM network_conversation_read r WHERE r.member_id = :member "
            + "AND r.conversation_id = :conversationId), 0)")
    int unread(String member, String conversationId);

    /** Never back: a mark that read an older state of the conversation does not undo a later one. */
    @Modifying
    @Query("UPDATE network_conversation_read SET read_seq = GREATEST(read_seq, :seq), read_at = :at "
            + "WHERE member_id = :member AND conversation_id = :conversationId")
    int readAgain(String member, String conversationId, long seq, Instant at);

    @Modifying
    @Query("INSERT INTO network_conversation_read (member_id, conversation_id, read_seq, read_at) VALUES (:member, :conversationId, :seq, :at)")
    void readFirst(String member, String conversationId, long seq, Instant at);

    /** The member has read the conversation up to message {@code seq}, at {@code at}. */
    default void markRead(String member, String conversationId, long seq, Instant at) {
        if (readAgain(member, conversationId, seq, at) == 0) {
            readFirst(member, conversationId, seq, at);
        }
    }
}
