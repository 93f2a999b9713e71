package org.behalf.network.messages;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    private final JdbcTemplate jdbc;

    ConversationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Conversation(String id, String memberA, String memberB, Instant createdAt, Instant lastMessageAt) {
        String other(String member) {
            return member.equals(memberA) ? memberB : memberA;
        }

        boolean has(String member) {
            return member.equals(memberA) || member.equals(memberB);
        }
    }

    record Message(String id, String conversationId, String senderId, String body, Instant sentAt) {
    }

    Optional<Conversation> find(String id) {
        return jdbc.query("SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation WHERE id = ?",
                CONVERSATION, id).stream().findFirst();
    }

    Optional<Conversation> between(String a, String b) {
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return jdbc.query("SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation "
                + "WHERE member_a = ? AND member_b = ?", CONVERSATION, first, second).stream().findFirst();
    }

    Conversation create(String id, String a, String b, Instant at) {
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        jdbc.update("INSERT INTO network_conversation (id, member_a, member_b, created_at, last_message_at) VALUES (?, ?, ?, ?, ?)",
                id, first, second, Timestamp.from(at), Timestamp.from(at));
        return new Conversation(id, first, second, at, at);
    }

    void add(Message message) {
        jdbc.update("INSERT INTO network_message (id, conversation_id, sender_id, body, sent_at) VALUES (?, ?, ?, ?, ?)",
                message.id(), message.conversationId(), message.senderId(), message.body(), Timestamp.from(message.sentAt()));
        jdbc.update("UPDATE network_conversation SET last_message_at = ? WHERE id = ?", Timestamp.from(message.sentAt()),
                message.conversationId());
    }

    /** A member's conversations, most recent first. */
    List<Conversation> of(String member, Instant beforeAt, String beforeId, int limit) {
        String page = beforeAt == null ? "" : " AND (last_message_at < ? OR (last_message_at = ? AND id < ?))";
        String sql = "SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation WHERE member_a = ?" + page
                + " UNION ALL SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation WHERE member_b = ?"
                + page + " ORDER BY last_message_at DESC, id DESC LIMIT ?";
        return beforeAt == null
                ? jdbc.query(sql, CONVERSATION, member, member, limit)
                : jdbc.query(sql, CONVERSATION, member, Timestamp.from(beforeAt), Timestamp.from(beforeAt), beforeId,
                member, Timestamp.from(beforeAt), Timestamp.from(beforeAt), beforeId, limit);
    }

    /** Every conversation of the member, oldest first (the bulk export). */
    List<Conversation> all(String member) {
        return jdbc.query("SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation WHERE member_a = ? "
                + "UNION ALL SELECT id, member_a, member_b, created_at, last_message_at FROM network_conversation WHERE member_b = ? "
                + "ORDER BY created_at, id", CONVERSATION, member, member);
    }

    /** Every message of a conversation, oldest first (the bulk export). */
    List<Message> allMessages(String conversationId) {
        return jdbc.query("SELECT id, conversation_id, sender_id, body, sent_at FROM network_message WHERE conversation_id = ? "
                + "ORDER BY sent_at, id", MESSAGE, conversationId);
    }

    List<Message> messages(String conversationId, Instant beforeAt, String beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.query("SELECT id, conversation_id, sender_id, body, sent_at FROM network_message WHERE conversation_id = ? "
                    + "ORDER BY sent_at DESC, id DESC LIMIT ?", MESSAGE, conversationId, limit);
        }
        return jdbc.query("SELECT id, conversation_id, sender_id, body, sent_at FROM network_message WHERE conversation_id = ? "
                + "AND (sent_at < ? OR (sent_at = ? AND id < ?)) ORDER BY sent_at DESC, id DESC LIMIT ?", MESSAGE, conversationId,
                Timestamp.from(beforeAt), Timestamp.from(beforeAt), beforeId, limit);
    }

    Optional<Instant> readAt(String member, String conversationId) {
        return jdbc.query("SELECT read_at FROM network_conversation_read WHERE member_id = ? AND conversation_id = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), member, conversationId).stream().findFirst();
    }

    int unread(String member, String conversationId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM network_message m WHERE m.conversation_id = ? AND m.sender_id <> ? "
                + "AND m.sent_at > COALESCE((SELECT r.read_at FROM network_conversation_read r WHERE r.member_id = ? "
                + "AND r.conversation_id = ?), TIMESTAMP '1970-01-01 00:00:01')", Integer.class, conversationId, member, member,
                conversationId);
        return count == null ? 0 : count;
    }

    void markRead(String member, String conversationId, Instant at) {
        if (jdbc.update("UPDATE network_conversation_read SET read_at = ? WHERE member_id = ? AND conversation_id = ?",
                Timestamp.from(at), member, conversationId) == 0) {
            jdbc.update("INSERT INTO network_conversation_read (member_id, conversation_id, read_at) VALUES (?, ?, ?)",
                    member, conversationId, Timestamp.from(at));
        }
    }

    private static final RowMapper<Conversation> CONVERSATION = (rs, n) -> new Conversation(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
    private static final RowMapper<Message> MESSAGE = (rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getTimestamp(5).toInstant());
}
