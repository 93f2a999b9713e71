package org.behalf.network.messages;

import java.util.List;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface MessageRepository extends Repository<Message, String>, Inserts<Message> {

    /** Every message of a conversation, oldest first (the bulk export). */
    List<Message> findByConversationIdOrderBySeqAsc(String conversationId);

    /**
     * A page of a conversation's messages, newest first, before the message numbered {@code beforeSeq}
     * when given. A keyset page on the (conversation_id, seq) index, which a derived query cannot say.
     */
    @Query("SELECT * FROM network_message WHERE conversation_id = :conversationId "
            + "AND (:beforeSeq IS NULL OR seq < :beforeSeq) ORDER BY seq DESC LIMIT :limit")
    List<Message> page(String conversationId, Long beforeSeq, int limit);
}
