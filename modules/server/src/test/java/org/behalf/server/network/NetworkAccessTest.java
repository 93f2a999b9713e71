package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.behalf.testing.AtOnce;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The network through someone else's hands (DESIGN.md section 2, rules 1 and 6): a third-party
 * app with the holder's consent, and a delegate within, then outside, the grant. Each request is
 * in the holder's activity log with who made it. It stays with the whole application: an app's
 * consent and token are identity's, the grant and its enforcement the delegation's, the log the
 * audit's; what the network does for its own member is tested in {@code modules/network}.
 */
class NetworkAccessTest extends NetworkServerTest {

    private static final String CALLBACK = "https://app.example/cb";

    @Test
    void anAppSendsAnInvitationForTheHolderAndTheLogSaysAnAppDidIt() {
        Member integrator = Members.create(baseUrl(), "integ");
        Member ann = Members.create(baseUrl(), "appu");
        Member bob = Members.create(baseUrl(), "appu");
        Http.Response registered = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Recruiting assistant",
                "scopes", List.of("invitations:send", "connections:read"), "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(CALLBACK)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode app = registered.json();
        String token = codeFlow(app, ann, "invitations:send connections:read");

        Http.Response sent = http.post("/api/v1/invitations", token, Map.of("to", bob.id(), "message", "From my assistant"));
        Http.Response search = http.get("/api/v1/network/search?q=x", token);

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(search.status()).as("network:search was not consented").isEqualTo(403);
        JsonNode entry = NetworkFixture.items(http.get("/api/v1/activity?action=invitation.send", ann.accessToken())).get(0);
        assertThat(entry.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(entry.path("outcome").asString()).isEqualTo("success");
        assertThat(entry.toString()).contains(app.path("clientId").asString());
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", bob.accessToken())))
                .extracting(i -> i.path("from").path("id").asString()).containsExactly(ann.id());
    }

    @Test
    void aDelegateInvitesAndListsConnectionsWithinTheGrantAndIsRefusedAndRecordedOutsideIt() {
        Member ann = Members.create(baseUrl(), "hold");
        Member bob = Members.create(baseUrl(), "hold");
        Member cat = Members.create(baseUrl(), "hold");
        Member helper = Members.create(baseUrl(), "help");
        network.connect(ann, bob);
        String wide = Delegations.activeGrant(http, ann, helper, List.of("invitations:send", "connections:read"));
        String wideToken = Delegations.delegationToken(http, wide, helper);

        Http.Response sent = http.post("/api/v1/invitations", wideToken, Map.of("to", cat.id()));
        List<JsonNode> connections = NetworkFixture.items(http.get("/api/v1/connections", wideToken));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", cat.accessToken())))
                .as("sent as the holder").extracting(i -> i.path("from").path("id").asString()).containsExactly(ann.id());
        assertThat(connections).extracting(c -> c.path("member").path("id").asString()).containsExactly(bob.id());

        http.post("/api/v1/delegations/" + wide + "/revoke", ann.accessToken(), null);
        String narrow = Delegations.activeGrant(http, ann, helper, List.of("invitations:send"));
        String narrowToken = Delegations.delegationToken(http, narrow, helper);
        Http.Response refused = http.get("/api/v1/connections", narrowToken);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode denied = NetworkFixture.items(http.get("/api/v1/activity?action=connection.list&outcome=denied", ann.accessToken())).get(0);
        assertThat(denied.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(helper.id());
        assertThat(NetworkFixture.items(http.get("/api/v1/activity?action=invitation.send&outcome=success", ann.accessToken())))
                .extracting(e -> e.path("actor").path("id").asString()).containsExactly(helper.id());
    }

    /**
     * First messages of a pair sent at once, two by the holder's delegate and two by the other member:
     * each found no conversation, and the unique pair index let one create it; the others were
     * answered 500 instead of landing in it. Now every one is delivered, in the one conversation, and
     * the delegate's are in the holder's log as the delegate's. (A delegate's requests for one holder
     * take their turns at the holder's log, so the race needs the other side too.) Fresh members each
     * round, so that every round is a first message; the network's own {@code FirstMessagesAtOnceTest}
     * races more of them.
     */
    @Test
    void firstMessagesOfADelegateAndTheOtherMemberSentAtOnceAllLandInOneConversationAndInTheHoldersLog() throws Exception {
        Member ann = Members.create(baseUrl(), "msgh");
        Member helper = Members.create(baseUrl(), "msgd");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, ann, helper, List.of("messages:send")), helper);
        List<String> delegates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Member bob = Members.create(baseUrl(), "msgb");
            network.connect(ann, bob);
            Callable<Http.Response> delegate = () -> http.post("/api/v1/conversations", token, Map.of("to", bob.id(), "body", "From Ann's helper"));
            Callable<Http.Response> other = () -> http.post("/api/v1/conversations", bob.accessToken(), Map.of("to", ann.id(), "body", "From Bob"));

            List<Http.Response> answers = AtOnce.all(List.of(delegate, other, delegate, other));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Http.Response::status).containsOnly(201);
            List<JsonNode> conversations = NetworkFixture.items(http.get("/api/v1/conversations", bob.accessToken()));
            assertThat(conversations).as("round %d", round).hasSize(1);
            String id = conversations.get(0).path("id").asString();
            assertThat(NetworkFixture.items(http.get("/api/v1/conversations/" + id + "/messages", bob.accessToken())))
                    .extracting(m -> m.path("id").asString())
                    .containsExactlyInAnyOrderElementsOf(answers.stream().map(answer -> answer.json().path("id").asString()).toList());
            delegates.add(answers.get(0).json().path("id").asString());
            delegates.add(answers.get(2).json().path("id").asString());
        }
        List<JsonNode> entries = NetworkFixture.items(http.get("/api/v1/activity?action=message.send&limit=100", ann.accessToken()));
        assertThat(entries).extracting(e -> e.path("outcome").asString() + " " + e.path("actor").path("id").asString())
                .containsOnly("success " + helper.id());
        assertThat(entries).extracting(e -> e.path("target").path("id").asString()).containsExactlyInAnyOrderElementsOf(delegates);
    }

    /**
     * DESIGN.md section 4: reading and changing are separate scopes, and docs/security.md rule 5: a grant narrowed to
     * changing gives nothing of reading. A helper with {@code contacts:write} and {@code profile:write} alone read the
     * whole contact (notes, e-mails) as the answer to {@code PATCH {}}, and the profile with its private fields; an app
     * allowed {@code contacts:write} alone likewise (black-box finding, 2026-12-07). Such a change now answers the
     * record's id, {@code {}} is refused as a change that sets nothing, and the holder's log says what was changed.
     */
    @Test
    void aChangeByACallerWhoMayNotReadAnswersTheIdAndNeverTheRecord() {
        Member ann = Members.create(baseUrl(), "wronly");
        Member bob = Members.create(baseUrl(), "wronly");
        Member helper = Members.create(baseUrl(), "wrhelp");
        String contact = http.post("/api/v1/contacts", ann.accessToken(), Map.of("name", "Secret Sue",
                "emails", List.of("sue@secret.example"), "notes", "medical: confidential")).json().path("id").asString();
        assertThat(http.patch("/api/v1/profile", ann.accessToken(), Map.of("location", "Secret City",
                "privateFields", List.of("location"))).status()).isEqualTo(200);
        String grant = Delegations.activeGrant(http, ann, helper, List.of("contacts:write", "profile:write", "invitations:send"));
        String token = Delegations.delegationToken(http, grant, helper);

        Http.Response edited = http.patch("/api/v1/contacts/" + contact, token, Map.of("title", "CTO"));
        Http.Response profile = http.patch("/api/v1/profile", token, Map.of("headline", "Set by my helper"));
        Http.Response created = http.post("/api/v1/contacts", token, Map.of("name", "New Nick", "notes", "sent by the helper"));
        Http.Response invited = http.post("/api/v1/invitations", token, Map.of("to", bob.id(), "message", "Hello from Ann"));
        Http.Response nothing = http.patch("/api/v1/contacts/" + contact, token, Map.of());

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.body()).isEqualTo("{\"id\":\"" + contact + "\"}");
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        assertThat(profile.body()).isEqualTo("{\"id\":\"" + ann.id() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().propertyNames()).containsExactly("id");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().propertyNames()).containsExactly("id");
        assertThat(nothing.status()).as(nothing.toString()).isEqualTo(400);
        assertThat(nothing.json().path("detail").asString()).isEqualTo("This change sets nothing: name at least one field and its new value.");
        assertThat(nothing.body()).doesNotContain("confidential");

        // The holder's log still says what each change did, and the refusal as an error.
        JsonNode update = NetworkFixture.items(http.get("/api/v1/activity?action=contact.update", ann.accessToken())).get(0);
        assertThat(update.path("outcome").asString()).isEqualTo("error");
        JsonNode done = NetworkFixture.items(http.get("/api/v1/activity?action=contact.update&outcome=success", ann.accessToken())).get(0);
        assertThat(done.path("changes").size()).isEqualTo(1);
        assertThat(done.path("changes").get(0).path("after").asString()).isEqualTo("CTO");
        assertThat(NetworkFixture.items(http.get("/api/v1/activity?action=profile.update", ann.accessToken())).get(0)
                .path("changes").toString()).contains("Set by my helper");
        // Who may read gets the record, as ever.
        assertThat(http.patch("/api/v1/contacts/" + contact, ann.accessToken(), Map.of("title", "CEO")).json().path("notes").asString())
                .isEqualTo("medical: confidential");

        Member integrator = Members.create(baseUrl(), "wrinteg");
        JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Address book cleaner",
                "scopes", List.of("contacts:write"), "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(CALLBACK))).json();
        String appToken = codeFlow(app, ann, "contacts:write");
        Http.Response byApp = http.patch("/api/v1/contacts/" + contact, appToken, Map.of("tags", List.of()));
        assertThat(byApp.status()).as(byApp.toString()).isEqualTo(200);
        assertThat(byApp.body()).isEqualTo("{\"id\":\"" + contact + "\"}");
        // An import's report to it says nothing of the address already there (DelegationTest has a helper's, in full).
        Http.Response imported = http.send(http.request("/api/v1/contacts/import", appToken).header("Content-Type", "text/csv")
                .POST(BodyPublishers.ofString("Name,Email\nSue again,sue@secret.example\n")).build());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().propertyNames()).containsExactly("rows", "skipped", "detail");
        assertThat(imported.body()).doesNotContain("sue@secret.example").doesNotContain("already in the address book:");

        // Nor through the helper's own record of their work: the value a change replaced is the holder's.
        assertThat(http.patch("/api/v1/contacts/" + contact, token, Map.of("notes", "Rewritten by the helper")).status()).isEqualTo(200);
        Http.Response work = http.get("/api/v1/activity/as-delegate?holder=" + ann.id(), helper.accessToken());
        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertThat(work.body()).contains("Rewritten by the helper").doesNotContain("confidential").doesNotContain("Secret City");
        JsonNode rewritten = NetworkFixture.items(http.get("/api/v1/activity?action=contact.update&outcome=success", ann.accessToken())).get(0);
        assertThat(rewritten.path("changes").get(0).path("before").asString()).as("the holder's log keeps it")
                .isEqualTo("medical: confidential");
    }

    /**
     * SECURITY-CASES 20: a stranger's decline of someone else's invitation is recorded in the stranger's
     * log exactly as one of an invitation that does not exist, the id asked for as its target. The
     * real one's entry named its target and the made-up one's none, which told the stranger the id
     * existed (black-box finding, 2026-12-07).
     */
    @Test
    void declineOfSomeoneElsesInvitationIsRecordedLikeOneThatDoesNotExist() {
        Member ann = Members.create(baseUrl(), "dclann");
        Member bob = Members.create(baseUrl(), "dclbob");
        Member carl = Members.create(baseUrl(), "dclcarl");
        String real = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", bob.id())).json().path("id").asString();
        String madeUp = "inv_QQQQQQQQQQQQQQQQQQQQQQ";

        for (String id : List.of(real, madeUp)) {
            Http.Response declined = http.post("/api/v1/invitations/" + id + "/decline", carl.accessToken(), null);
            assertThat(declined.status()).as(declined.toString()).isEqualTo(404);
            JsonNode entry = http.get("/api/v1/activity?limit=1", carl.accessToken()).json().path("items").get(0);
            assertThat(entry.path("target").path("id").asString()).as(entry.toString()).isEqualTo(id);
        }
        assertThat(http.get("/api/v1/invitations?direction=received", bob.accessToken()).body()).contains("\"pending\"");
    }

    /** The holder signs in through the app's authorization code flow (PKCE) and consents; the app's access token. */
    private String codeFlow(JsonNode app, Member holder, String scope) {
        return Members.appTokens(baseUrl(), app, CALLBACK, holder, scope).path("access_token").asString();
    }
}
