package org.behalf.network.messages;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/conversations} (DESIGN.md section 6); both scopes are delegable but sensitive. */
@RestController
class MessageController {

    /** Where conversations are listed and a first message starts one (a reply goes to its conversation's messages). */
    static final String CONVERSATIONS = "/api/v1/conversations";

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    @GetMapping(CONVERSATIONS)
    @ResourceAccess(scope = "messages:read", delegates = true, action = "conversation.list")
    Page<MessageService.ConversationView> list(Caller caller, @RequestParam(required = false) String cursor,
                                               @RequestParam(required = false) Integer limit) {
        return messages.list(caller.subject(), cursor, limit);
    }

    @PostMapping(CONVERSATIONS)
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "The recipient is not a connection, or a block stands either way (not said which); send an invitation with a note first.")
    @ResourceAccess(scope = "messages:send", delegates = true, action = "message.send")
    MessageService.MessageView start(Caller caller, @RequestBody NewMessage message) {
        return messages.send(caller.subject(), message.to(), message.body());
    }

    @GetMapping("/api/v1/conversations/{id}/messages")
    @ResourceAccess(scope = "messages:read", delegates = true, action = "message.list")
    Page<MessageService.MessageView> read(Caller caller, @PathVariable String id, @RequestParam(required = false) String cursor,
                                          @RequestParam(required = false) Integer limit) {
        return messages.messages(caller.subject(), id, cursor, limit);
    }

    @PostMapping("/api/v1/conversations/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "409", description = "The other member is no longer a connection, or a block stands either way (not said which).")
    @ResourceAccess(scope = "messages:send", delegates = true, action = "message.send")
    MessageService.MessageView reply(Caller caller, @PathVariable String id, @RequestBody Reply reply) {
        return messages.reply(caller.subject(), id, reply.body());
    }

    @PostMapping("/api/v1/conversations/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "messages:read", delegates = true, action = "conversation.mark_read")
    void markRead(Caller caller, @PathVariable String id) {
        messages.markRead(caller.subject(), id);
    }

    record NewMessage(String to, String body) {
    }

    record Reply(String body) {
    }
}
