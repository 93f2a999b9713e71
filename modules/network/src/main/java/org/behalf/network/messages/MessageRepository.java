package org.behalf.network.messages;

import java.time.Instant;
import java.util.List;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface MessageRepository extends Repository<Message, String>, Inserts<Message> {

    /** Every message of a conversation, oldest first (the bulk export). */
    List<Message> findByConversationIdOrderBySentAtAscIdAsc(String conversationId);

    /**
     * A page of a conversation's messages, newest first, after the cursor when given. A keyset page
     * on the (conversation_id, sent_at) index, which a derived query cannot say.
     */
    @Query("SELECT * FROM network_message WHERE conversation_id = :conversationId "
            + "AND (:beforeAt IS NULL OR sent_at < :beforeAt OR (sent_at = :beforeAt AND id < :beforeId)) "
            + "ORDER BY sent_at DESC, id DESC LIMIT :limit")
    List<Message> page(String conversationId, Instant beforeAt, String beforeId, int limit);
}
