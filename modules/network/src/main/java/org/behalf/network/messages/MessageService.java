package org.behalf.network.messages;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;
import org.behalf.kernel.RequestState;
import org.behalf.network.Cursor;
import org.behalf.kernel.OpaqueIds;
import org.behalf.network.Page;
import org.behalf.network.SequenceCursor;
import org.behalf.network.connections.BlockRepository;
import org.behalf.network.connections.ConnectionRepository;
import org.behalf.network.members.MemberSummary;
import org.behalf.network.members.NetworkMembers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations between connections. A non-connection can only be reached through an invitation's
 * note, which becomes the first message once the invitation is accepted; a block stops messages
 * either way.
 */
@Service
public class MessageService {

    static final int MAX_BODY = 8000;

    private static final String NO_RECIPIENT = "No member to write to by that id.";

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ConnectionRepository connections;
    private final BlockRepository blocks;
    private final NetworkMembers members;
    private final Clock clock;
    private final ObjectProvider<RequestState> requests;

    public MessageService(ConversationRepository conversations, MessageRepository messages, ConnectionRepository connections,
                          BlockRepository blocks, NetworkMembers members, Clock clock, ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.conversations = conversations;
        this.messages = messages;
        this.connections = connections;
        this.blocks = blocks;
        this.members = members;
        this.clock = clock;
    }

    /** Opens (or continues) the conversation that an accepted invitation's note starts. */
    @Transactional
    public void startFromInvitation(String from, String to, String note, Instant sentAt) {
        Conversation conversation = conversations.between(from, to).orElseGet(() -> conversations.open(from, to, sentAt));
        post(conversation, from, note, sentAt);
    }

    Page<ConversationView> list(String member, String cursor, Integer limit) {
        int size = Page.size(limit);
        Cursor after = Cursor.decode(cursor, id -> OpaqueIds.isOf(Conversation.ID_PREFIX, id));
        List<Conversation> rows = conversations.of(member, after == null ? null : after.at(),
                after == null ? null : after.id(), size + 1);
        Map<String, MemberSummary> others = members.summaries(rows.stream().map(c -> c.other(member)).toList());
        return Page.of(rows, size, c -> new Cursor(c.lastMessageAt(), c.id()).encode(),
                c -> new ConversationView(c.id(), others.get(c.other(member)), c.lastMessageAt(), conversations.unread(member, c.id())));
    }

    @Transactional
    MessageView send(String member, String to, String body) {
        String text = text(body);
        recipient(member, to);
        if (!members.exists(to)) {
            throw new InvalidRequest("to", NO_RECIPIENT);
        }
        RequestState.of(requests).notes().target("member", to);
        requireMayWrite(member, to);
        Instant now = now();
        Conversation conversation = conversations.between(member, to).orElseGet(() -> conversations.open(member, to, now));
        return add(conversation, member, text, now);
    }

    @Transactional
    MessageView reply(String member, String conversationId, String body) {
        String text = text(body);
        Conversation conversation = own(member, conversationId);
        requireMayWrite(member, conversation.other(member));
        return add(conversation, member, text, now());
    }

    Page<MessageView> messages(String member, String conversationId, String cursor, Integer limit) {
        own(member, conversationId);
        int size = Page.size(limit);
        SequenceCursor after = SequenceCursor.decode(cursor);
        return Page.of(messages.page(conversationId, after == null ? null : after.seq(), size + 1), size,
                m -> new SequenceCursor(m.seq()).encode(), MessageView::of);
    }

    @Transactional
    void markRead(String member, String conversationId) {
        // Up to the latest message this transaction sees; one committed after it counts unread.
        Conversation conversation = own(member, conversationId);
        conversations.markRead(member, conversationId, conversation.lastSeq(), now());
    }

    private MessageView add(Conversation conversation, String sender, String text, Instant at) {
        Message message = post(conversation, sender, text, at);
        conversations.markRead(sender, conversation.id(), message.seq(), at);
        // Whom it went to and what it said: no endpoint reads a message by its id, so an entry naming the id alone
        // told the holder nothing of what was written in their name (DESIGN.md section 2 rule 6; black-box finding 14).
        RequestState.of(requests).notes().target("message", message.id()).change("conversation", null, conversation.id())
                .change("to", null, conversation.other(sender)).change("body", null, text);
        return MessageView.of(message);
    }

    /**
     * The message takes the conversation's next number under the conversation row's lock, which orders
     * the conversation and its unread counts: times may be whole seconds (docs/operations.md), and the
     * message ids are random.
     */
    private Message post(Conversation conversation, String sender, String text, Instant at) {
        long seq = conversations.findLockedById(conversation.id()).orElseThrow().lastSeq() + 1;
        Message message = messages.insert(new Message(OpaqueIds.next("msg"), conversation.id(), sender, text, at, seq));
        conversations.advanced(conversation.id(), seq, at);
        return message;
    }

    /**
     * Connections only; a block either way stops the message, without saying who blocked whom. A block
     * is answered in words of its own: a blocked connection was told to send an invitation first, which
     * then answered "You are already connected" (black-box finding 9, 2026-12-07).
     */
    private void requireMayWrite(String member, String other) {
        if (blocks.blockedEitherWay(member, other)) {
            throw InvalidRequest.conflict("You cannot write to this member.");
        }
        if (!connections.connected(member, other)) {
            throw InvalidRequest.conflict("You can write only to your connections; send an invitation with a note first.");
        }
    }

    private Conversation own(String member, String conversationId) {
        RequestState.of(requests).notes().target("conversation", conversationId);
        // Only an id of a conversation id's shape is looked up: the column compares byte for byte
        // (V202612070953) but pads, and found "cnv_…   " as "cnv_…" (docs/security.md rule 26).
        if (!OpaqueIds.isOf(Conversation.ID_PREFIX, conversationId)) {
            throw InvalidRequest.notFound();
        }
        return conversations.findById(conversationId).filter(c -> c.has(member)).orElseThrow(InvalidRequest::notFound);
    }

    /**
     * The rule of a first message's recipient that reads nothing stored: someone other than the member, named by a
     * member id. Also run before a helper's message is held ({@link MessageHeldRules}); that the id is a member's is
     * the endpoint's, in the same words.
     */
    static void recipient(String member, String to) {
        if (to == null || to.isBlank() || to.equals(member) || !NetworkMembers.isMemberId(to)) {
            throw new InvalidRequest("to", NO_RECIPIENT);
        }
    }

    /** The rule of a message's text, which reads nothing stored: also run before a helper's message is held ({@link MessageHeldRules}). */
    static String text(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequest("body", "A message needs some text.");
        }
        // The free-text rule of every other field (api.md, SECURITY-CASES 40): line breaks and tabs, no other control
        // character; a message kept bells, NULs and escape sequences as sent (black-box finding).
        return TextField.check("body", body, MAX_BODY);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    record ConversationView(String id, MemberSummary with, @Nullable Instant lastMessageAt, int unread) {
    }

    record MessageView(String id, String conversationId, String from, String body, Instant sentAt) {
        static MessageView of(Message m) {
            return new MessageView(m.id(), m.conversationId(), m.senderId(), m.body(), m.sentAt());
        }
    }
}
