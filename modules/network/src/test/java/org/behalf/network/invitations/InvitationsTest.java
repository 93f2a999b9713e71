package org.behalf.network.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invitations as their sender and invitee see them: answers, the sent list, the limit on open
 * invitations (also when many sends arrive at once), and what a block does to those still open.
 */
class InvitationsTest extends NetworkSlice {

    /** {@code behalf.network.max-open-invitations}: its default ({@code InvitationSettings}), as in config/application.yml. */
    private static final int LIMIT = 100;
    private static final int THREADS = 8;

    @Test
    void aDeclinedInvitationConnectsNobodyAndTheSenderSeesItInTheSentList() {
        Member ann = signUp("dec");
        Member bob = signUp("dec");
        String id = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id(), "message", "Hello")).json()
                .path("id").asString();

        Http.Response declined = http.post("/api/v1/invitations/" + id + "/decline", bob.token(), null);

        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().path("status").asString()).isEqualTo("declined");
        assertThat(http.post("/api/v1/invitations/" + id + "/accept", bob.token(), null).status())
                .as("a declined invitation stays declined").isEqualTo(409);
        assertThat(items(http.get("/api/v1/connections", bob.token()))).isEmpty();
        List<JsonNode> sent = items(http.get("/api/v1/invitations?direction=sent", ann.token()));
        assertThat(sent).extracting(i -> i.path("id").asString() + " " + i.path("status").asString() + " " + i.path("to").path("id").asString())
                .containsExactly(id + " declined " + bob.id());
        assertThat(items(http.get("/api/v1/invitations?direction=sent", bob.token()))).isEmpty();
        assertThat(http.get("/api/v1/invitations?direction=outbox", ann.token()).json().path("field").asString())
                .isEqualTo("direction");
    }

    @Test
    void aBlockEndsTheInvitationsStillOpenEitherWay() {
        Member ann = signUp("blo");
        Member bob = signUp("blo");
        Member cat = signUp("blo");
        String toBob = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id())).json().path("id").asString();
        String fromCat = http.post("/api/v1/invitations", cat.token(), Map.of("to", ann.id())).json().path("id").asString();

        assertThat(http.post("/api/v1/blocks", ann.token(), Map.of("memberId", bob.id())).status()).isEqualTo(204);
        assertThat(http.post("/api/v1/blocks", ann.token(), Map.of("memberId", cat.id())).status()).isEqualTo(204);

        assertThat(http.post("/api/v1/invitations/" + toBob + "/accept", bob.token(), null).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/invitations/" + fromCat + "/accept", ann.token(), null).status()).isEqualTo(409);
        assertThat(items(http.get("/api/v1/connections", ann.token()))).isEmpty();
        assertThat(items(http.get("/api/v1/invitations?direction=sent", ann.token())))
                .extracting(i -> i.path("status").asString()).containsExactly("withdrawn");
        assertThat(items(http.get("/api/v1/invitations?direction=sent", cat.token())))
                .as("the blocked sender sees an ignored invitation, not who blocked whom")
                .extracting(i -> i.path("status").asString()).containsExactly("ignored");

        http.delete("/api/v1/blocks/" + bob.id(), ann.token());
        assertThat(http.post("/api/v1/invitations/" + toBob + "/accept", bob.token(), null).status())
                .as("lifting the block does not reopen it").isEqualTo(409);
    }

    /**
     * Black-box finding 3, 2026-12-07: a note with NUL, an escape sequence, DEL or a C1 control was sent, and on
     * acceptance became a message the messages endpoint itself refuses. A note is free text like a message.
     */
    @Test
    void aNoteHoldsLineBreaksAndTabsButNoOtherControlCharacter() {
        Member ann = signUp("ctl");
        Member bob = signUp("ctl");
        for (String note : List.of("a\u0000b", "bell\u0007", "\u001b[31mred", "a\u007fb", "next\u0085line", "a\u009bb")) {
            Http.Response refused = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id(), "message", note));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("field").asString()).isEqualTo("message");
            assertThat(refused.json().path("detail").asString()).isEqualTo("Control characters are not allowed.");
        }
        assertThat(items(http.get("/api/v1/invitations?direction=received", bob.token()))).as("nothing was sent").isEmpty();

        Http.Response sent = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id(), "message", "Hello,\r\n\tBob"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("message").asString()).isEqualTo("Hello,\n\tBob");
    }

    /**
     * Black-box finding 17, 2026-12-07: an introduction withdrawn, or ended by a block, before the
     * introducer forwarded it showed in the invitee's received list with its note and the introducer.
     */
    @Test
    void anIntroductionNeverForwardedNeverReachesItsInviteeHoweverItEnds() {
        Member carl = signUp("itr");
        Member bob = signUp("itr");
        Member dina = signUp("itr");
        connect(carl, bob);
        connect(bob, dina);
        String withdrawn = introduce(carl, dina, bob, "withdrawn before forwarding");
        assertThat(http.delete("/api/v1/invitations/" + withdrawn, carl.token()).status()).isEqualTo(200);
        String blocked = introduce(carl, dina, bob, "ended by a block");
        assertThat(http.post("/api/v1/blocks", carl.token(), Map.of("memberId", dina.id())).status()).isEqualTo(204);
        http.delete("/api/v1/blocks/" + dina.id(), carl.token());
        String blockedByInvitee = introduce(carl, dina, bob, "ended by the invitee's block");
        assertThat(http.post("/api/v1/blocks", dina.token(), Map.of("memberId", carl.id())).status()).isEqualTo(204);

        assertThat(items(http.get("/api/v1/invitations?direction=received", dina.token())))
                .as("only bob's invitation that connected them").extracting(i -> i.path("from").path("id").asString()).containsExactly(bob.id());
        for (String id : List.of(withdrawn, blocked, blockedByInvitee)) {
            assertThat(http.post("/api/v1/invitations/" + id + "/decline", dina.token(), null).status())
                    .as("not even an answer tells the invitee it existed").isEqualTo(404);
        }
        assertThat(items(http.get("/api/v1/invitations?direction=sent", carl.token()))).filteredOn(i -> !i.path("via").isNull())
                .extracting(i -> i.path("id").asString() + " " + i.path("status").asString())
                .containsExactlyInAnyOrder(withdrawn + " withdrawn", blocked + " withdrawn", blockedByInvitee + " ignored");

        http.delete("/api/v1/blocks/" + carl.id(), dina.token());
        String forwarded = introduce(carl, dina, bob, "forwarded, then withdrawn");
        assertThat(http.post("/api/v1/invitations/" + forwarded + "/forward", bob.token(), null).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/invitations/" + forwarded, carl.token()).status()).isEqualTo(200);
        assertThat(items(http.get("/api/v1/invitations?direction=received", dina.token())))
                .filteredOn(i -> i.path("from").path("id").asString().equals(carl.id()))
                .as("one that reached the invitee stays in their list").extracting(i -> i.path("id").asString() + " "
                        + i.path("status").asString()).containsExactly(forwarded + " withdrawn");
    }

    private String introduce(Member from, Member to, Member via, String note) {
        Http.Response sent = http.post("/api/v1/invitations", from.token(), Map.of("to", to.id(), "via", via.id(), "message", note));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("status").asString()).isEqualTo("forwarding");
        return sent.json().path("id").asString();
    }

    @Test
    void concurrentSendsNeverPassTheLimitOfOpenInvitations() throws Exception {
        Member ann = signUp("lim");
        List<String> invitees = signedUp(LIMIT - 1 + THREADS);
        for (String invitee : invitees.subList(0, LIMIT - 1)) {
            Http.Response sent = http.post("/api/v1/invitations", ann.token(), Map.of("to", invitee));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        }
        // One client per thread, as from several devices.
        List<Callable<Http.Response>> sends = new ArrayList<>();
        for (String to : invitees.subList(LIMIT - 1, invitees.size())) {
            sends.add(() -> new Http(baseUrl()).post("/api/v1/invitations", ann.token(), Map.of("to", to)));
        }

        List<Http.Response> answers = AtOnce.all(sends);

        assertThat(answers).extracting(Http.Response::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).as("one place was left").hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(a -> {
            assertThat(a.header("Content-Type")).startsWith("application/problem+json");
            assertThat(a.json().path("detail").asString()).contains(String.valueOf(LIMIT));
        });
        assertThat(all("/api/v1/invitations?direction=sent", ann.token()))
                .filteredOn(i -> i.path("status").asString().equals("pending")).hasSize(LIMIT);

        String fresh = signedUp(1).get(0);
        Http.Response overLimit = http.post("/api/v1/invitations", ann.token(), Map.of("to", fresh));
        assertThat(overLimit.status()).as(overLimit.toString()).isEqualTo(409);
        assertThat(overLimit.json().path("detail").asString()).contains("withdraw");
        String newest = items(http.get("/api/v1/invitations?direction=sent&limit=1", ann.token())).get(0)
                .path("id").asString();
        assertThat(http.delete("/api/v1/invitations/" + newest, ann.token()).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/invitations", ann.token(), Map.of("to", fresh)).status())
                .as("a withdrawn invitation frees its place").isEqualTo(201);
    }

    @Test
    void concurrentSendsBetweenTheSameTwoMembersOpenOneInvitation() throws Exception {
        Member ann = signUp("dup");
        Member bob = signUp("dup");
        List<Callable<Http.Response>> sends = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Member from = i % 2 == 0 ? ann : bob;
            Member to = i % 2 == 0 ? bob : ann;
            sends.add(() -> new Http(baseUrl()).post("/api/v1/invitations", from.token(), Map.of("to", to.id())));
        }

        List<Http.Response> answers = AtOnce.all(sends);

        assertThat(answers).extracting(Http.Response::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        List<JsonNode> open = new ArrayList<>(items(http.get("/api/v1/invitations?direction=sent", ann.token())));
        open.addAll(items(http.get("/api/v1/invitations?direction=sent", bob.token())));
        assertThat(open).extracting(i -> i.path("status").asString()).containsExactly("pending");
    }

    private List<String> signedUp(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(signUp("lim").id());
        }
        return ids;
    }
}
