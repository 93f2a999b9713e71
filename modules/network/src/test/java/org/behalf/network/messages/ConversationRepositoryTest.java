package org.behalf.network.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.behalf.network.NetworkSlice;
import org.behalf.kernel.OpaqueIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Conversations and messages as Spring Data JDBC stores them: one row per pair, lists by cursor, unread counts. */
class ConversationRepositoryTest extends NetworkSlice {

    @Autowired
    ConversationRepository conversations;
    @Autowired
    MessageRepository messages;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aPairHasOneConversationWhicheverWriterStartsIt() {
        String other = OpaqueIds.next("mbr");
        Conversation created = conversations.open(other, member, start);

        assertThat(conversations.between(member, other)).contains(created);
        assertThat(conversations.between(other, member)).contains(created);
        assertThat(created.memberA().compareTo(created.memberB())).isNegative();
        assertThat(conversations.open(member, other, start.plusSeconds(1))).as("opened again").isEqualTo(created);
    }

    @Test
    void aMembersConversationsComeMostRecentFirstFromTheCursor() {
        Conversation older = conversations.open(member, OpaqueIds.next("mbr"), start);
        Conversation newer = conversations.open(OpaqueIds.next("mbr"), member, start.plusSeconds(1));
        conversations.advanced(older.id(), 1, start.plusSeconds(2));

        assertThat(conversations.of(member, null, null, 10)).extracting(Conversation::id).containsExactly(older.id(), newer.id());
        assertThat(conversations.of(member, start.plusSeconds(2), older.id(), 10)).extracting(Conversation::id)
                .containsExactly(newer.id());
        assertThat(conversations.all(member)).extracting(Conversation::id).containsExactly(older.id(), newer.id());
    }

    @Test
    void messagesNumberedAfterTheLastReadAreUnreadAndPageNewestFirst() {
        String other = OpaqueIds.next("mbr");
        Conversation conversation = conversations.open(member, other, start);
        // One second for all three, as MariaDB 10.x stores them: their numbers order them.
        Message first = messages.insert(new Message(OpaqueIds.next("msg"), conversation.id(), other, "Hi", start, 1));
        Message second = messages.insert(new Message(OpaqueIds.next("msg"), conversation.id(), other, "There?", start, 2));
        messages.insert(new Message(OpaqueIds.next("msg"), conversation.id(), member, "Yes", start, 3));
        assertThat(conversations.unread(member, conversation.id())).isEqualTo(2);

        conversations.markRead(member, conversation.id(), 1, start);
        assertThat(conversations.unread(member, conversation.id())).isEqualTo(1);
        conversations.markRead(member, conversation.id(), 3, start);
        assertThat(conversations.unread(member, conversation.id())).isZero();
        conversations.markRead(member, conversation.id(), 1, start);
        assertThat(conversations.unread(member, conversation.id())).as("a mark never goes back").isZero();

        assertThat(messages.page(conversation.id(), null, 2)).extracting(Message::body).containsExactly("Yes", "There?");
        assertThat(messages.page(conversation.id(), second.seq(), 10)).containsExactly(first);
        assertThat(messages.findByConversationIdOrderBySeqAsc(conversation.id())).extracting(Message::body)
                .containsExactly("Hi", "There?", "Yes");
    }
}
