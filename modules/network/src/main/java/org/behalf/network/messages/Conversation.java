package org.behalf.network.messages;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A conversation between two members ({@code memberA < memberB}). Its messages are an aggregate
 * of their own ({@link Message}): a conversation grows without end, and is never loaded whole.
 * {@code lastSeq} is the number of its latest message (none: 0), which the next one follows.
 */
@Table("network_conversation")
record Conversation(@Id String id, String memberA, String memberB, Instant createdAt, Instant lastMessageAt, long lastSeq) {

    /** A conversation id is {@code cnv_} and 22 random characters ({@code OpaqueIds}). */
    static final String ID_PREFIX = "cnv";

    String other(String member) {
        return member.equals(memberA) ? memberB : memberA;
    }

    boolean has(String member) {
        return member.equals(memberA) || member.equals(memberB);
    }
}
