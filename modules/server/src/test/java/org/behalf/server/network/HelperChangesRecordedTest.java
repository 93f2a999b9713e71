package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a helper did in the holder's name, as the holder reads it in their log (DESIGN.md section 2
 * rule 6; docs/activity-log.md, {@code changes}): a removed contact with everything it held, a sent
 * message with whom it went to and what it said. Both entries had empty changes, so a helper could
 * throw away a contact or write in the holder's name and the log kept nothing of it (black-box
 * finding 14, 2026-12-07). Here rather than in the network module: a helper's token, the grant and
 * the log are the delegation's and the audit's.
 */
class HelperChangesRecordedTest extends NetworkServerTest {

    @Test
    void aHelpersRemovalOfAContactRecordsEverythingItHeld() {
        Member holder = Members.create(baseUrl(), "rmhold");
        Member helper = Members.create(baseUrl(), "rmhelp");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, List.of("contacts:write")), helper);
        String id = http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", "Precious Contact",
                "emails", List.of("precious@example.com"), "notes", "key client")).json().path("id").asString();

        Http.Response removed = http.delete("/api/v1/contacts/" + id, token);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        JsonNode entry = NetworkFixture.items(http.get("/api/v1/activity?action=contact.delete", holder.accessToken())).get(0);
        assertThat(entry.path("actor").path("id").asString()).isEqualTo(helper.id());
        Map<String, String> before = new HashMap<>();
        entry.path("changes").forEach(change -> {
            assertThat(change.path("after").isNull()).as(change.toString()).isTrue();
            before.put(change.path("field").asString(), change.path("before").toString());
        });
        assertThat(before).containsEntry("name", "\"Precious Contact\"").containsEntry("emails", "[\"precious@example.com\"]")
                .containsEntry("notes", "\"key client\"").containsKeys("phones", "company", "title", "tags");
    }

    @Test
    void aMessageAHelperSendsRecordsWhomItWentToAndWhatItSaid() {
        Member holder = Members.create(baseUrl(), "msghold");
        Member friend = Members.create(baseUrl(), "msgfrnd");
        Member helper = Members.create(baseUrl(), "msghelp");
        network.connect(holder, friend);
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, List.of("messages:send")), helper);

        Http.Response sent = http.post("/api/v1/conversations", token, Map.of("to", friend.id(), "body", "Written in your name"));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        JsonNode entry = NetworkFixture.items(http.get("/api/v1/activity?action=message.send", holder.accessToken())).get(0);
        Map<String, String> after = new HashMap<>();
        entry.path("changes").forEach(change -> after.put(change.path("field").asString(), change.path("after").asString()));
        String conversation = NetworkFixture.items(http.get("/api/v1/conversations", holder.accessToken())).get(0).path("id").asString();
        assertThat(after).containsEntry("to", friend.id()).containsEntry("conversation", conversation)
                .containsEntry("body", "Written in your name");
    }
}
