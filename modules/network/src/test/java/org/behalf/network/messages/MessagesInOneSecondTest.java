package org.behalf.network.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.behalf.network.NetworkSlice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Messages within one second, over real HTTP. On MariaDB 10.x times are stored in whole seconds
 * (docs/operations.md), which this machine's server is: a second's messages were listed in the order
 * of their random ids, and a message in the second after "mark read" counted read (black-box finding
 * 13). No pauses: requests one after the other fall in one second nearly always, which is the case.
 */
class MessagesInOneSecondTest extends NetworkSlice {

    @Test
    void messagesComeBackInTheOrderSentAndPageSoToo() {
        Member ann = signUp("order");
        Member bob = signUp("order");
        connect(ann, bob);
        String conversation = http.post("/api/v1/conversations", ann.token(), Map.of("to", bob.id(), "body", "#0")).json()
                .path("conversationId").asString();
        List<String> sent = new ArrayList<>(List.of("#0"));
        for (int k = 1; k < 8; k++) {
            Member sender = k % 2 == 0 ? ann : bob;
            assertThat(http.post("/api/v1/conversations/" + conversation + "/messages", sender.token(), Map.of("body", "#" + k))
                    .status()).isEqualTo(201);
            sent.add("#" + k);
        }
        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);

        assertThat(all("/api/v1/conversations/" + conversation + "/messages", bob.token())).extracting(m -> m.path("body").asString())
                .containsExactlyElementsOf(newestFirst);
        // Page by page, each from the previous page's cursor: the same order, each message once.
        assertThat(all("/api/v1/conversations/" + conversation + "/messages", ann.token(), 3)).extracting(m -> m.path("body").asString())
                .containsExactlyElementsOf(newestFirst);
        // The export, oldest first.
        JsonNode exported = http.get("/api/v1/export", ann.token()).json().path("messages").get(0).path("messages");
        assertThat(exported).extracting(m -> m.path("body").asString()).containsExactlyElementsOf(sent);
    }

    @Test
    void aMessageInTheSecondAfterMarkReadCountsUnread() {
        Member ann = signUp("unread");
        Member bob = signUp("unread");
        connect(ann, bob);
        String conversation = http.post("/api/v1/conversations", ann.token(), Map.of("to", bob.id(), "body", "Hello")).json()
                .path("conversationId").asString();
        for (int round = 0; round < 4; round++) {
            assertThat(http.post("/api/v1/conversations/" + conversation + "/read", bob.token(), null).status()).isEqualTo(204);
            assertThat(http.post("/api/v1/conversations/" + conversation + "/messages", ann.token(), Map.of("body", "Still there?"))
                    .status()).isEqualTo(201);

            assertThat(items(http.get("/api/v1/conversations", bob.token())).get(0).path("unread").asInt()).as("round %d", round)
                    .isEqualTo(1);
        }
        assertThat(http.post("/api/v1/conversations/" + conversation + "/messages", ann.token(), Map.of("body", "Bob?")).status())
                .isEqualTo(201);
        assertThat(items(http.get("/api/v1/conversations", bob.token())).get(0).path("unread").asInt()).isEqualTo(2);
    }
}
