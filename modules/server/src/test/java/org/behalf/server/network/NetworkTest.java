package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Profiles, invitations, connections, messages, blocks and search over real HTTP (DESIGN.md section 6). */
class NetworkTest extends NetworkServerTest {

    /** A closed account leaves the network: out of its connections' lists, and its open invitations end. */
    @Test
    void aClosedAccountLeavesItsConnectionsListsAndItsOpenInvitationsEnd() {
        Member ann = Members.create(baseUrl(), "stay");
        Member bob = Members.create(baseUrl(), "leave");
        Member cat = Members.create(baseUrl(), "stay");
        network.connect(ann, bob);
        assertThat(http.post("/api/v1/invitations", bob.accessToken(), Map.of("to", cat.id())).status()).isEqualTo(201);
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", cat.accessToken())))
                .extracting(invitation -> invitation.path("status").asString()).containsExactly("pending");

        assertThat(http.post("/api/v1/account/close", bob.accessToken(), Map.of("password", bob.password())).status()).isEqualTo(204);

        assertThat(NetworkFixture.items(http.get("/api/v1/connections", ann.accessToken()))).as("ann's connections").isEmpty();
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", cat.accessToken())))
                .extracting(invitation -> invitation.path("status").asString()).doesNotContain("pending");
    }

    /** Issue 18 item 9: a closed account is found by nobody, and old invitations show it without name or headline. */
    @Test
    void aClosedAccountIsFoundByNobodyAndOldInvitationsShowNoNameOrHeadline() {
        Member ann = Members.create(baseUrl(), "seer");
        Member gone = Members.create(baseUrl(), "gone");
        assertThat(http.patch("/api/v1/profile", gone.accessToken(), Map.of("headline", "Soon gone")).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/invitations", gone.accessToken(), Map.of("to", ann.id())).status()).isEqualTo(201);
        assertThat(NetworkFixture.items(http.get("/api/v1/network/search?q=" + gone.handle(), ann.accessToken())))
                .as("found before").hasSize(1);

        assertThat(http.post("/api/v1/account/close", gone.accessToken(), Map.of("password", gone.password())).status()).isEqualTo(204);

        assertThat(NetworkFixture.items(http.get("/api/v1/network/search?q=" + gone.handle(), ann.accessToken()))).isEmpty();
        assertThat(NetworkFixture.items(http.get("/api/v1/network/search?q=soon%20gone", ann.accessToken()))).isEmpty();
        JsonNode from = NetworkFixture.items(http.get("/api/v1/invitations?direction=received", ann.accessToken())).get(0).path("from");
        assertThat(from.path("displayName").asString()).isEqualTo("A closed account");
        assertThat(from.path("headline").asString("")).isEmpty();
        assertThat(from.path("handle").asString("")).isEmpty();
        Http.Response invite = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", gone.handle()));
        assertThat(invite.status()).isEqualTo(400);
        assertThat(http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", gone.id())).status()).isEqualTo(400);
    }

    /**
     * Issue 18 item 7: a newcomer without connections finds a member by name or handle, shown as
     * outside the network, and invites them by handle; ids keep working; an e-mail is not looked up.
     */
    @Test
    void aNewcomerFindsPeopleByNameOrHandleAndInvitesByHandle() {
        Member newcomer = Members.create(baseUrl(), "newbie");
        String surname = Members.unique("Zed");
        String handle = Members.unique("ana");
        assertThat(http.post("/api/v1/members", null, Map.of("handle", handle, "email", handle + "@example.test",
                "password", "correct horse " + handle, "displayName", "Ana " + surname)).status()).isEqualTo(201);

        List<JsonNode> byName = NetworkFixture.items(http.get("/api/v1/network/search?q=" + surname.toLowerCase(java.util.Locale.ROOT),
                newcomer.accessToken()));
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).path("member").path("handle").asString()).isEqualTo(handle);
        assertThat(byName.get(0).path("member").path("displayName").asString()).isEqualTo("Ana " + surname);
        assertThat(byName.get(0).path("degree").isNull()).as("outside the network").isTrue();
        assertThat(NetworkFixture.items(http.get("/api/v1/network/search?q=" + handle, newcomer.accessToken()))).hasSize(1);

        Http.Response byEmail = http.post("/api/v1/invitations", newcomer.accessToken(), Map.of("to", handle + "@example.test"));
        assertThat(byEmail.status()).isEqualTo(400);
        assertThat(byEmail.json().path("detail").asString()).isEqualTo("Invite people by their handle, not their e-mail address.");
        Http.Response unknown = http.post("/api/v1/invitations", newcomer.accessToken(), Map.of("to", Members.unique("nobody")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).doesNotContain("id").contains("Nobody has that handle");

        Http.Response sent = http.post("/api/v1/invitations", newcomer.accessToken(), Map.of("to", "@" + handle.toUpperCase(java.util.Locale.ROOT)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("to").path("handle").asString()).isEqualTo(handle);
        Member other = Members.create(baseUrl(), "byid");
        assertThat(http.post("/api/v1/invitations", newcomer.accessToken(), Map.of("to", other.id())).status()).as("ids still work")
                .isEqualTo(201);
    }

    @Test
    void profileEditsAreValidatedFieldByFieldAndBadInputChangesNothing() {
        Member ann = Members.create(baseUrl(), "prof");
        Http.Response ok = http.patch("/api/v1/profile", ann.accessToken(), Map.of("headline", "Engineer", "skills", List.of("Java", "SQL"),
                "positions", List.of(Map.of("title", "Developer", "company", "Acme", "start", "2020-01"))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

        Http.Response badDate = http.patch("/api/v1/profile", ann.accessToken(), Map.of("headline", "Changed",
                "positions", List.of(Map.of("title", "Developer", "start", "2021-13"))));
        Http.Response duplicate = http.patch("/api/v1/profile", ann.accessToken(), Map.of("skills", List.of("Java", "java")));
        Http.Response tooLong = http.patch("/api/v1/profile", ann.accessToken(), Map.of("headline", "x".repeat(221)));
        Http.Response notWritable = http.patch("/api/v1/profile", ann.accessToken(), Map.of("handle", "someone-else"));

        assertThat(badDate.json().path("field").asString()).isEqualTo("positions[0].start");
        assertThat(duplicate.json().path("field").asString()).isEqualTo("skills[1]");
        assertThat(tooLong.json().path("field").asString()).isEqualTo("headline");
        assertThat(notWritable.status()).isEqualTo(400);
        assertThat(notWritable.json().path("detail").asString()).contains("handle");
        JsonNode profile = http.get("/api/v1/profile", ann.accessToken()).json();
        assertThat(profile.path("headline").asString()).isEqualTo("Engineer");
        assertThat(profile.path("handle").asString()).isEqualTo(ann.handle());
    }

    @Test
    void aPublicProfileLeavesOutPrivateFields() {
        Member ann = Members.create(baseUrl(), "pub");
        Member bob = Members.create(baseUrl(), "pub");
        http.patch("/api/v1/profile", ann.accessToken(), Map.of("headline", "Designer", "location", "Lima", "privateFields", List.of("location")));

        JsonNode seen = http.get("/api/v1/members/" + ann.id(), bob.accessToken()).json();

        assertThat(seen.path("headline").asString()).isEqualTo("Designer");
        assertThat(seen.path("location").isNull()).isTrue();
        assertThat(http.get("/api/v1/members/mbr_nobody", bob.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anAcceptedInvitationConnectsBothWaysAndItsNoteStartsTheConversation() {
        Member ann = Members.create(baseUrl(), "inv");
        Member bob = Members.create(baseUrl(), "inv");
        assertThat(http.post("/api/v1/conversations", ann.accessToken(), Map.of("to", bob.id(), "body", "Hi")).status())
                .as("no messages to a non-connection").isEqualTo(409);

        JsonNode invitation = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", bob.id(), "message", "Let's connect")).json();
        assertThat(invitation.path("status").asString()).isEqualTo("pending");
        assertThat(http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", bob.id())).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/invitations/" + invitation.path("id").asString() + "/accept", ann.accessToken(), null).status())
                .as("only the invitee answers").isEqualTo(404);
        List<JsonNode> received = NetworkFixture.items(http.get("/api/v1/invitations?direction=received", bob.accessToken()));
        assertThat(received).extracting(i -> i.path("id").asString()).contains(invitation.path("id").asString());

        JsonNode accepted = http.post("/api/v1/invitations/" + invitation.path("id").asString() + "/accept", bob.accessToken(), null).json();

        assertThat(accepted.path("status").asString()).isEqualTo("accepted");
        assertThat(NetworkFixture.items(http.get("/api/v1/connections", ann.accessToken()))).extracting(c -> c.path("member").path("id").asString())
                .containsExactly(bob.id());
        assertThat(NetworkFixture.items(http.get("/api/v1/connections", bob.accessToken()))).extracting(c -> c.path("member").path("id").asString())
                .containsExactly(ann.id());
        JsonNode conversation = NetworkFixture.items(http.get("/api/v1/conversations", bob.accessToken())).get(0);
        assertThat(conversation.path("unread").asInt()).isEqualTo(1);
        String conversationId = conversation.path("id").asString();
        assertThat(NetworkFixture.items(http.get("/api/v1/conversations/" + conversationId + "/messages", bob.accessToken())).get(0).path("body").asString())
                .isEqualTo("Let's connect");
        assertThat(http.post("/api/v1/conversations/" + conversationId + "/messages", bob.accessToken(), Map.of("body", "Hello Ann")).status())
                .isEqualTo(201);
        http.post("/api/v1/conversations/" + conversationId + "/read", ann.accessToken(), null);
        assertThat(NetworkFixture.items(http.get("/api/v1/conversations", ann.accessToken())).get(0).path("unread").asInt()).isZero();
    }

    @Test
    void declineIgnoreAndWithdrawEndAnInvitation() {
        Member ann = Members.create(baseUrl(), "ans");
        Member bob = Members.create(baseUrl(), "ans");
        Member cat = Members.create(baseUrl(), "ans");
        String first = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", bob.id())).json().path("id").asString();
        String second = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", cat.id())).json().path("id").asString();

        assertThat(http.post("/api/v1/invitations/" + first + "/ignore", bob.accessToken(), null).json().path("status").asString())
                .isEqualTo("ignored");
        assertThat(http.delete("/api/v1/invitations/" + second, ann.accessToken()).json().path("status").asString()).isEqualTo("withdrawn");
        assertThat(http.post("/api/v1/invitations/" + second + "/accept", cat.accessToken(), null).status()).isEqualTo(409);
        assertThat(NetworkFixture.items(http.get("/api/v1/connections", ann.accessToken()))).isEmpty();
    }

    @Test
    void anIntroductionGoesThroughASharedConnectionWhoForwardsIt() {
        Member ann = Members.create(baseUrl(), "intro");
        Member bob = Members.create(baseUrl(), "intro");
        Member cat = Members.create(baseUrl(), "intro");
        network.connect(ann, bob);
        network.connect(bob, cat);
        assertThat(http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", cat.id(), "via", ann.id())).json()
                .path("field").asString()).isEqualTo("via");

        JsonNode introduction = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", cat.id(), "via", bob.id(),
                "message", "Bob says we should talk")).json();
        String id = introduction.path("id").asString();
        assertThat(introduction.path("status").asString()).isEqualTo("forwarding");
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", cat.accessToken())))
                .extracting(i -> i.path("id").asString()).doesNotContain(id);
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=introductions", bob.accessToken())))
                .extracting(i -> i.path("id").asString()).containsExactly(id);

        http.post("/api/v1/invitations/" + id + "/forward", bob.accessToken(), null);
        assertThat(NetworkFixture.items(http.get("/api/v1/invitations?direction=received", cat.accessToken())))
                .filteredOn(i -> i.path("id").asString().equals(id)).extracting(i -> i.path("status").asString()).containsExactly("pending");
        assertThat(http.get("/api/v1/members/" + cat.id() + "/degree", ann.accessToken()).json().path("degree").asInt()).isEqualTo(2);
    }

    @Test
    void aBlockStopsMessagesAndInvitationsEitherWay() {
        Member ann = Members.create(baseUrl(), "blk");
        Member bob = Members.create(baseUrl(), "blk");
        network.connect(ann, bob);
        assertThat(http.post("/api/v1/conversations", bob.accessToken(), Map.of("to", ann.id(), "body", "Buy my course!")).status())
                .isEqualTo(201);

        assertThat(http.post("/api/v1/blocks", ann.accessToken(), Map.of("memberId", bob.id())).status()).isEqualTo(204);

        assertThat(http.post("/api/v1/conversations", bob.accessToken(), Map.of("to", ann.id(), "body", "Last chance!")).status())
                .isEqualTo(409);
        http.delete("/api/v1/connections/" + ann.id(), bob.accessToken());
        assertThat(http.post("/api/v1/invitations", bob.accessToken(), Map.of("to", ann.id())).status()).isEqualTo(409);
        assertThat(NetworkFixture.items(http.get("/api/v1/blocks", ann.accessToken()))).extracting(m -> m.path("id").asString()).containsExactly(bob.id());
    }

    @Test
    void searchFindsMembersByDegreeWithSharedConnections() {
        String tag = Members.unique("zq");
        Member me = Members.create(baseUrl(), "srch");
        Member first = Members.create(baseUrl(), "srch");
        Member second = Members.create(baseUrl(), "srch");
        Member third = Members.create(baseUrl(), "srch");
        Member stranger = Members.create(baseUrl(), "srch");
        for (Member m : List.of(first, second, third, stranger)) {
            http.patch("/api/v1/profile", m.accessToken(), Map.of("headline", "Recruiter " + tag, "skills", List.of("Hiring")));
        }
        network.connect(me, first);
        network.connect(first, second);
        network.connect(second, third);

        List<JsonNode> upToSecond = NetworkFixture.items(http.get("/api/v1/network/search?q=" + tag + "&degree=2", me.accessToken()));
        List<JsonNode> upToThird = NetworkFixture.items(http.get("/api/v1/network/search?q=" + tag + "&degree=3", me.accessToken()));

        assertThat(upToSecond).extracting(h -> h.path("member").path("id").asString() + ":" + h.path("degree").asInt())
                .containsExactly(first.id() + ":1", second.id() + ":2");
        assertThat(upToSecond.get(1).path("sharedConnections").asInt()).isEqualTo(1);
        assertThat(upToThird).extracting(h -> h.path("degree").asInt()).containsExactly(1, 2, 3);
        assertThat(upToThird).extracting(h -> h.path("member").path("id").asString()).doesNotContain(stranger.id());
        assertThat(http.get("/api/v1/network/search?q=" + tag + "&degree=4", me.accessToken()).json().path("field").asString())
                .isEqualTo("degree");
        assertThat(http.get("/api/v1/network/search?q=%25&degree=2", me.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void theDegreeBetweenMembersIsOneTwoThreeOrNone() {
        Member ann = Members.create(baseUrl(), "deg");
        Member bob = Members.create(baseUrl(), "deg");
        Member cat = Members.create(baseUrl(), "deg");
        Member dan = Members.create(baseUrl(), "deg");
        Member eve = Members.create(baseUrl(), "deg");
        network.connect(ann, bob);
        network.connect(bob, cat);
        network.connect(cat, dan);

        JsonNode first = degree(ann, bob);
        JsonNode second = degree(ann, cat);
        JsonNode third = degree(ann, dan);
        JsonNode none = degree(ann, eve);

        assertThat(first.path("degree").asInt()).isEqualTo(1);
        assertThat(second.path("degree").asInt()).isEqualTo(2);
        assertThat(second.path("sharedConnections")).extracting(JsonNode::asString).containsExactly(bob.id());
        assertThat(third.path("degree").asInt()).isEqualTo(3);
        assertThat(none.path("degree").isNull()).as(none.toString()).isTrue();
        assertThat(degree(dan, ann).path("degree").asInt()).as("the same both ways").isEqualTo(3);
        assertThat(http.get("/api/v1/members/mbr_nobody/degree", ann.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void searchBySkillAndLocationPagesThroughItsHits() {
        String tag = Members.unique("sk");
        String skill = "Skill" + tag;
        String place = "Porto " + tag;
        Member me = Members.create(baseUrl(), "sksr");
        Member a1 = Members.create(baseUrl(), "sksr");
        Member a2 = Members.create(baseUrl(), "sksr");
        Member b1 = Members.create(baseUrl(), "sksr");
        Member elsewhere = Members.create(baseUrl(), "sksr");
        Member otherSkill = Members.create(baseUrl(), "sksr");
        for (Member m : List.of(a1, a2, b1)) {
            http.patch("/api/v1/profile", m.accessToken(), Map.of("headline", "Engineer", "skills", List.of("SQL", skill), "location", place));
        }
        http.patch("/api/v1/profile", elsewhere.accessToken(), Map.of("skills", List.of(skill), "location", "Lima"));
        http.patch("/api/v1/profile", otherSkill.accessToken(), Map.of("skills", List.of("Cooking"), "location", place));
        for (Member m : List.of(a1, a2, elsewhere, otherSkill)) {
            network.connect(me, m);
        }
        network.connect(a1, b1);

        String query = "/api/v1/network/search?skill=" + skill.toLowerCase(java.util.Locale.ROOT) + "&location=" + Http.encode(Map.of("l", place)).substring(2)
                + "&degree=2&limit=2";
        Http.Response page1 = http.get(query, me.accessToken());
        String next = page1.json().path("next").asString(null);
        Http.Response page2 = http.get(query + "&cursor=" + next, me.accessToken());

        assertThat(NetworkFixture.items(page1)).extracting(h -> h.path("degree").asInt()).containsExactly(1, 1);
        assertThat(NetworkFixture.items(page1)).extracting(h -> h.path("member").path("id").asString())
                .containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(next).isNotNull();
        List<JsonNode> last = NetworkFixture.items(page2);
        assertThat(page2.json().path("next").isNull()).isTrue();
        assertThat(last).hasSize(1);
        JsonNode hit = last.get(0);
        assertThat(hit.path("member").path("id").asString()).isEqualTo(b1.id());
        assertThat(hit.path("member").path("handle").asString()).isEqualTo(b1.handle());
        assertThat(hit.path("member").path("headline").asString()).isEqualTo("Engineer");
        assertThat(hit.path("degree").asInt()).isEqualTo(2);
        assertThat(hit.path("sharedConnections").asInt()).isEqualTo(1);
        assertThat(hit.path("someShared")).extracting(JsonNode::asString).containsExactly(a1.id());
        assertThat(http.get("/api/v1/network/search?skill=x&cursor=bm9wZQ", me.accessToken()).json().path("field").asString())
                .isEqualTo("cursor");
    }

    @Test
    void theBulkExportHasTheHoldersConnectionsAndMessages() {
        Member ann = Members.create(baseUrl(), "exp");
        Member bob = Members.create(baseUrl(), "exp");
        String invitation = http.post("/api/v1/invitations", ann.accessToken(), Map.of("to", bob.id(), "message", "Hello Bob")).json()
                .path("id").asString();
        http.post("/api/v1/invitations/" + invitation + "/accept", bob.accessToken(), null);
        assertThat(http.post("/api/v1/conversations", ann.accessToken(), Map.of("to", bob.id(), "body", "Sent by Ann")).status())
                .isEqualTo(201);
        String conversation = http.post("/api/v1/conversations", bob.accessToken(), Map.of("to", ann.id(), "body", "Bob answers")).json()
                .path("conversationId").asString();

        Http.Response answer = http.get("/api/v1/export", ann.accessToken());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode export = answer.json();
        assertThat(export.path("connections")).extracting(c -> c.path("memberId").asString()).containsExactly(bob.id());
        assertThat(export.path("messages")).hasSize(1);
        JsonNode exported = export.path("messages").get(0);
        assertThat(exported.path("id").asString()).isEqualTo(conversation);
        assertThat(exported.path("with").path("id").asString()).isEqualTo(bob.id());
        assertThat(exported.path("messages")).as(exported.toString()).extracting(m -> m.path("from").asString() + ": " + m.path("body").asString())
                .containsExactlyInAnyOrder(ann.id() + ": Hello Bob", ann.id() + ": Sent by Ann", bob.id() + ": Bob answers");
        assertThat(exported.path("messages")).extracting(m -> m.path("sentAt").asString()).as("oldest first").isSorted();
        assertThat(http.get("/api/v1/export", bob.accessToken()).json().path("messages").get(0).path("with").path("id").asString())
                .isEqualTo(ann.id());
    }

    private JsonNode degree(Member from, Member to) {
        Http.Response answer = http.get("/api/v1/members/" + to.id() + "/degree", from.accessToken());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
