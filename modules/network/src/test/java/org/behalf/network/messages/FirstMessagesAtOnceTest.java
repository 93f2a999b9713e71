package org.behalf.network.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * First messages between two connections sent at once, by either of them: each found no
 * conversation, and the unique index on the pair let one create it; the others were answered with
 * an error instead of landing in that conversation. Fresh members each round, so that every round
 * is a first message.
 */
class FirstMessagesAtOnceTest extends NetworkSlice {

    private static final int ROUNDS = 8;

    @Test
    void firstMessagesSentAtOnceAllLandInTheOneConversation() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Member ann = signUp("first");
            Member bob = signUp("first");
            connect(ann, bob);
            List<Member> senders = List.of(ann, bob, ann, bob);
            List<Callable<Http.Response>> sends = senders.stream().<Callable<Http.Response>>map(sender -> () -> http.post(
                    "/api/v1/conversations", sender.token(), Map.of("to", (sender == ann ? bob : ann).id(), "body", "Hello from " + sender.handle())))
                    .toList();

            List<Http.Response> answers = AtOnce.all(sends);

            assertThat(answers).as("round %d", round).extracting(Http.Response::status).containsOnly(201);
            List<JsonNode> conversations = all("/api/v1/conversations", ann.token());
            assertThat(conversations).as("round %d", round).hasSize(1);
            String id = conversations.get(0).path("id").asString();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.json().path("conversationId").asString()).isEqualTo(id));
            assertThat(all("/api/v1/conversations", bob.token())).extracting(c -> c.path("id").asString()).containsExactly(id);
            // The invitation had no note, so these four are the conversation's messages.
            assertThat(all("/api/v1/conversations/" + id + "/messages", ann.token())).extracting(m -> m.path("id").asString())
                    .containsExactlyInAnyOrderElementsOf(answers.stream().map(answer -> answer.json().path("id").asString()).toList());
        }
    }
}
