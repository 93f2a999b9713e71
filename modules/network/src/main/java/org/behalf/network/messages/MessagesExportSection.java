package org.behalf.network.messages;

import java.util.List;
import java.util.Map;

import org.behalf.network.export.ExportSection;
import org.behalf.network.members.MemberSummary;
import org.behalf.network.members.NetworkMembers;
import org.springframework.stereotype.Component;

/**
 * The messages section of the bulk export (DESIGN.md section 4: {@code data:export} covers
 * connections, contacts and messages): every conversation of the member, oldest first, with whom
 * and all its messages, the member's own and the other side's.
 */
@Component
class MessagesExportSection implements ExportSection {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final NetworkMembers members;

    MessagesExportSection(ConversationRepository conversations, MessageRepository messages, NetworkMembers members) {
        this.conversations = conversations;
        this.messages = messages;
        this.members = members;
    }

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public Object of(String owner) {
        List<Conversation> all = conversations.all(owner);
        Map<String, MemberSummary> others = members.summaries(all.stream().map(c -> c.other(owner)).distinct().toList());
        return all.stream().map(c -> new ExportedConversation(c.id(), others.get(c.other(owner)),
                messages.findByConversationIdOrderBySeqAsc(c.id()).stream().map(MessageService.MessageView::of).toList())).toList();
    }

    record ExportedConversation(String id, MemberSummary with, List<MessageService.MessageView> messages) {
    }
}
