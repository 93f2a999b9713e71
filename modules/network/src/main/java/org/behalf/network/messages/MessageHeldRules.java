package org.behalf.network.messages;

import org.behalf.delegation.api.HeldBodyRules;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delegate's held message checked by the rule of its text ({@link MessageService#text}) before it is held, as
 * either endpoint that sends one checks it first: a message with no text, or with a bell or an escape sequence,
 * was held as ready and failed once approved (black-box finding, 2026-12-07). Whether the other member is still a
 * connection is the endpoint's, applied on approval. Both bodies ({@code {"to", "body"}} and a reply's
 * {@code {"body"}}) read as a new message: a reply's has no {@code to}.
 */
@Component
class MessageHeldRules extends HeldBodyRules<MessageController.NewMessage> {

    MessageHeldRules(JsonMapper json) {
        super(MessageController.NewMessage.class, json, "message.send");
    }

    @Override
    protected void check(MessageController.NewMessage message, Change change) {
        MessageService.text(message.body());
    }
}
