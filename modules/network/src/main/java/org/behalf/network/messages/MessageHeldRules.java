package org.behalf.network.messages;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held message checked by the rule of its text ({@link MessageService#text}) before it is held, as
 * either endpoint that sends one checks it first: a message with no text, or with a bell or an escape sequence,
 * was held as ready and failed once approved (black-box finding, 2026-12-07). Whether the other member is still a
 * connection, or a member at all, is the endpoint's, applied on approval. Both bodies ({@code {"to", "body"}} and a
 * reply's {@code {"body"}}) read as a new message: a reply's has no {@code to}. A first message's {@code to} is checked
 * as its endpoint checks it before it reads anything stored ({@link MessageService#recipient}): one with none, an
 * empty one or one that is no member id was held (black-box finding, 2026-12-07).
 */
@Component
class MessageHeldRules extends HeldBodyRules<MessageController.NewMessage> {

    MessageHeldRules(JsonMapper json) {
        super(MessageController.NewMessage.class, json, "message.send");
    }

    @Override
    protected void check(MessageController.NewMessage message, Change change) {
        MessageService.text(message.body());
        if (MessageController.CONVERSATIONS.equals(change.endpoint())) {
            MessageService.recipient(change.account(), message.to());
        }
    }
}
