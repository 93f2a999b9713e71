package org.behalf.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Profiles, invitations, connections, messages, blocks, search and the bulk export over real HTTP
 * (DESIGN.md section 6), as their members see them. Closing an account, which starts in identity,
 * is tested with the whole application ({@code ClosedAccountNetworkTest} in {@code modules/server}).
 */
class NetworkTest extends NetworkSlice {

    /**
     * Issue 18 item 7: a newcomer without connections finds a member by name or handle, shown as
     * outside the network, and invites them by handle; ids keep working; an e-mail is not looked up.
     */
    @Test
    void aNewcomerFindsPeopleByNameOrHandleAndInvitesByHandle() {
        Member newcomer = signUp("newbie");
        String surname = Members.unique("Zed");
        String handle = Members.unique("ana");
        signUp(handle, "Ana " + surname);

        List<JsonNode> byName = items(http.get("/api/v1/network/search?q=" + surname.toLowerCase(java.util.Locale.ROOT),
                newcomer.token()));
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).path("member").path("handle").asString()).isEqualTo(handle);
        assertThat(byName.get(0).path("member").path("displayName").asString()).isEqualTo("Ana " + surname);
        assertThat(byName.get(0).path("degree").isNull()).as("outside the network").isTrue();
        assertThat(items(http.get("/api/v1/network/search?q=" + handle, newcomer.token()))).hasSize(1);

        Http.Response byEmail = http.post("/api/v1/invitations", newcomer.token(), Map.of("to", handle + "@example.test"));
        assertThat(byEmail.status()).isEqualTo(400);
        assertThat(byEmail.json().path("detail").asString()).isEqualTo("Invite people by their handle, not their e-mail address.");
        Http.Response unknown = http.post("/api/v1/invitations", newcomer.token(), Map.of("to", Members.unique("nobody")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).doesNotContain("id").contains("Nobody has that handle");

        Http.Response sent = http.post("/api/v1/invitations", newcomer.token(), Map.of("to", "@" + handle.toUpperCase(java.util.Locale.ROOT)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("to").path("handle").asString()).isEqualTo(handle);
        Member other = signUp("byid");
        assertThat(http.post("/api/v1/invitations", newcomer.token(), Map.of("to", other.id())).status()).as("ids still work")
                .isEqualTo(201);
    }

    @Test
    void profileEditsAreValidatedFieldByFieldAndBadInputChangesNothing() {
        Member ann = signUp("prof");
        Http.Response ok = http.patch("/api/v1/profile", ann.token(), Map.of("headline", "Engineer", "skills", List.of("Java", "SQL"),
                "positions", List.of(Map.of("title", "Developer", "company", "Acme", "start", "2020-01"))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);

        Http.Response badDate = http.patch("/api/v1/profile", ann.token(), Map.of("headline", "Changed",
                "positions", List.of(Map.of("title", "Developer", "start", "2021-13"))));
        Http.Response duplicate = http.patch("/api/v1/profile", ann.token(), Map.of("skills", List.of("Java", "java")));
        Http.Response tooLong = http.patch("/api/v1/profile", ann.token(), Map.of("headline", "x".repeat(221)));
        Http.Response notWritable = http.patch("/api/v1/profile", ann.token(), Map.of("handle", "someone-else"));

        assertThat(badDate.json().path("field").asString()).isEqualTo("positions[0].start");
        assertThat(duplicate.json().path("field").asString()).isEqualTo("skills[1]");
        assertThat(tooLong.json().path("field").asString()).isEqualTo("headline");
        assertThat(notWritable.status()).isEqualTo(400);
        assertThat(notWritable.json().path("detail").asString()).contains("handle");
        JsonNode profile = http.get("/api/v1/profile", ann.token()).json();
        assertThat(profile.path("headline").asString()).isEqualTo("Engineer");
        assertThat(profile.path("handle").asString()).isEqualTo(ann.handle());

        // Black-box finding 10, 2026-12-07: years given as text were stored as numbers.
        for (Object year : List.of("2001", " 2001")) {
            Http.Response asText = http.patch("/api/v1/profile", ann.token(), Map.of("education",
                    List.of(Map.of("school", "School", "startYear", year, "endYear", 2004))));
            assertThat(asText.status()).as(asText.toString()).isEqualTo(400);
            assertThat(asText.json().path("field").asString()).isEqualTo("education[0].startYear");
            assertThat(asText.json().path("detail").asString()).isEqualTo("This field has the wrong type or format.");
        }
        assertThat(http.get("/api/v1/profile", ann.token()).json().path("education").isEmpty()).isTrue();
        Http.Response years = http.patch("/api/v1/profile", ann.token(), Map.of("education",
                List.of(Map.of("school", "School", "startYear", 2001, "endYear", 2004))));
        assertThat(years.status()).as(years.toString()).isEqualTo(200);
        assertThat(years.json().path("education").get(0).path("startYear").asInt()).isEqualTo(2001);
    }

    @Test
    void aPublicProfileLeavesOutPrivateFields() {
        Member ann = signUp("pub");
        Member bob = signUp("pub");
        http.patch("/api/v1/profile", ann.token(), Map.of("headline", "Designer", "location", "Lima", "privateFields", List.of("location")));

        JsonNode seen = http.get("/api/v1/members/" + ann.id(), bob.token()).json();

        assertThat(seen.path("headline").asString()).isEqualTo("Designer");
        assertThat(seen.path("location").isNull()).isTrue();
        assertThat(http.get("/api/v1/members/mbr_nobody", bob.token()).status()).isEqualTo(404);
    }

    @Test
    void anAcceptedInvitationConnectsBothWaysAndItsNoteStartsTheConversation() {
        Member ann = signUp("inv");
        Member bob = signUp("inv");
        assertThat(http.post("/api/v1/conversations", ann.token(), Map.of("to", bob.id(), "body", "Hi")).status())
                .as("no messages to a non-connection").isEqualTo(409);

        JsonNode invitation = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id(), "message", "Let's connect")).json();
        assertThat(invitation.path("status").asString()).isEqualTo("pending");
        assertThat(http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id())).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/invitations/" + invitation.path("id").asString() + "/accept", ann.token(), null).status())
                .as("only the invitee answers").isEqualTo(404);
        List<JsonNode> received = items(http.get("/api/v1/invitations?direction=received", bob.token()));
        assertThat(received).extracting(i -> i.path("id").asString()).contains(invitation.path("id").asString());

        JsonNode accepted = http.post("/api/v1/invitations/" + invitation.path("id").asString() + "/accept", bob.token(), null).json();

        assertThat(accepted.path("status").asString()).isEqualTo("accepted");
        assertThat(items(http.get("/api/v1/connections", ann.token()))).extracting(c -> c.path("member").path("id").asString())
                .containsExactly(bob.id());
        assertThat(items(http.get("/api/v1/connections", bob.token()))).extracting(c -> c.path("member").path("id").asString())
                .containsExactly(ann.id());
        JsonNode conversation = items(http.get("/api/v1/conversations", bob.token())).get(0);
        assertThat(conversation.path("unread").asInt()).isEqualTo(1);
        String conversationId = conversation.path("id").asString();
        assertThat(items(http.get("/api/v1/conversations/" + conversationId + "/messages", bob.token())).get(0).path("body").asString())
                .isEqualTo("Let's connect");
        assertThat(http.post("/api/v1/conversations/" + conversationId + "/messages", bob.token(), Map.of("body", "Hello Ann")).status())
                .isEqualTo(201);
        http.post("/api/v1/conversations/" + conversationId + "/read", ann.token(), null);
        assertThat(items(http.get("/api/v1/conversations", ann.token())).get(0).path("unread").asInt()).isZero();
    }

    @Test
    void declineIgnoreAndWithdrawEndAnInvitation() {
        Member ann = signUp("ans");
        Member bob = signUp("ans");
        Member cat = signUp("ans");
        String first = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id())).json().path("id").asString();
        String second = http.post("/api/v1/invitations", ann.token(), Map.of("to", cat.id())).json().path("id").asString();

        assertThat(http.post("/api/v1/invitations/" + first + "/ignore", bob.token(), null).json().path("status").asString())
                .isEqualTo("ignored");
        assertThat(http.delete("/api/v1/invitations/" + second, ann.token()).json().path("status").asString()).isEqualTo("withdrawn");
        assertThat(http.post("/api/v1/invitations/" + second + "/accept", cat.token(), null).status()).isEqualTo(409);
        assertThat(items(http.get("/api/v1/connections", ann.token()))).isEmpty();
    }

    @Test
    void anIntroductionGoesThroughASharedConnectionWhoForwardsIt() {
        Member ann = signUp("intro");
        Member bob = signUp("intro");
        Member cat = signUp("intro");
        connect(ann, bob);
        connect(bob, cat);
        assertThat(http.post("/api/v1/invitations", ann.token(), Map.of("to", cat.id(), "via", ann.id())).json()
                .path("field").asString()).isEqualTo("via");

        JsonNode introduction = http.post("/api/v1/invitations", ann.token(), Map.of("to", cat.id(), "via", bob.id(),
                "message", "Bob says we should talk")).json();
        String id = introduction.path("id").asString();
        assertThat(introduction.path("status").asString()).isEqualTo("forwarding");
        assertThat(items(http.get("/api/v1/invitations?direction=received", cat.token())))
                .extracting(i -> i.path("id").asString()).doesNotContain(id);
        assertThat(items(http.get("/api/v1/invitations?direction=introductions", bob.token())))
                .extracting(i -> i.path("id").asString()).containsExactly(id);

        http.post("/api/v1/invitations/" + id + "/forward", bob.token(), null);
        assertThat(items(http.get("/api/v1/invitations?direction=received", cat.token())))
                .filteredOn(i -> i.path("id").asString().equals(id)).extracting(i -> i.path("status").asString()).containsExactly("pending");
        assertThat(http.get("/api/v1/members/" + cat.id() + "/degree", ann.token()).json().path("degree").asInt()).isEqualTo(2);
    }

    @Test
    void aBlockStopsMessagesAndInvitationsEitherWay() {
        Member ann = signUp("blk");
        Member bob = signUp("blk");
        connect(ann, bob);
        Http.Response first = http.post("/api/v1/conversations", bob.token(), Map.of("to", ann.id(), "body", "Buy my course!"));
        assertThat(first.status()).isEqualTo(201);
        String conversation = first.json().path("conversationId").asString();

        assertThat(http.post("/api/v1/blocks", ann.token(), Map.of("memberId", bob.id())).status()).isEqualTo(204);

        // Black-box finding 9, 2026-12-07: both were told to send an invitation first, to which the answer was
        // "You are already connected". The words are the same both ways and do not say who blocked whom.
        for (Http.Response refused : List.of(
                http.post("/api/v1/conversations", bob.token(), Map.of("to", ann.id(), "body", "Last chance!")),
                http.post("/api/v1/conversations/" + conversation + "/messages", bob.token(), Map.of("body", "Last chance!")),
                http.post("/api/v1/conversations/" + conversation + "/messages", ann.token(), Map.of("body", "Stop.")))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().path("detail").asString()).isEqualTo("You cannot write to this member.");
        }
        http.delete("/api/v1/connections/" + ann.id(), bob.token());
        assertThat(http.post("/api/v1/invitations", bob.token(), Map.of("to", ann.id())).status()).isEqualTo(409);
        assertThat(items(http.get("/api/v1/blocks", ann.token()))).extracting(m -> m.path("id").asString()).containsExactly(bob.id());
    }

    @Test
    void searchFindsMembersByDegreeWithSharedConnections() {
        String tag = Members.unique("zq");
        Member me = signUp("srch");
        Member first = signUp("srch");
        Member second = signUp("srch");
        Member third = signUp("srch");
        Member stranger = signUp("srch");
        for (Member m : List.of(first, second, third, stranger)) {
            http.patch("/api/v1/profile", m.token(), Map.of("headline", "Recruiter " + tag, "skills", List.of("Hiring")));
        }
        connect(me, first);
        connect(first, second);
        connect(second, third);

        List<JsonNode> upToSecond = items(http.get("/api/v1/network/search?q=" + tag + "&degree=2", me.token()));
        List<JsonNode> upToThird = items(http.get("/api/v1/network/search?q=" + tag + "&degree=3", me.token()));

        assertThat(upToSecond).extracting(h -> h.path("member").path("id").asString() + ":" + h.path("degree").asInt())
                .containsExactly(first.id() + ":1", second.id() + ":2");
        assertThat(upToSecond.get(1).path("sharedConnections").asInt()).isEqualTo(1);
        assertThat(upToThird).extracting(h -> h.path("degree").asInt()).containsExactly(1, 2, 3);
        assertThat(upToThird).extracting(h -> h.path("member").path("id").asString()).doesNotContain(stranger.id());
        assertThat(http.get("/api/v1/network/search?q=" + tag + "&degree=4", me.token()).json().path("field").asString())
                .isEqualTo("degree");
        assertThat(http.get("/api/v1/network/search?q=%25&degree=2", me.token()).status()).isEqualTo(200);
        // The third degree needs something to look for, whether or not the searcher has connections.
        for (Member searcher : List.of(me, stranger)) {
            Http.Response unbounded = http.get("/api/v1/network/search?degree=3", searcher.token());
            assertThat(unbounded.status()).as(unbounded.toString()).isEqualTo(400);
            assertThat(unbounded.json().path("field").asString()).isEqualTo("q");
        }
    }

    /**
     * Members outside the network, found by name, sort after every degree: a page the network fills
     * shows none of them yet still has a next page, and the page after it shows them. The first page
     * is answered without the scan of every member's name (NetworkSearch), the boundary with it.
     */
    @Test
    void outsidersFoundByNameComeAfterTheNetworkOnTheLaterPage() {
        String tag = Members.unique("ob");
        Member me = signUp("obsr");
        List<Member> near = List.of(signUp("obsr"), signUp("obsr"), signUp("obsr"));
        for (Member m : near) {
            http.patch("/api/v1/profile", m.token(), Map.of("headline", "Curator " + tag));
            connect(me, m);
        }
        Member outsider = signUp(Members.unique("obout"), "Olu " + tag);
        String query = "/api/v1/network/search?q=" + tag + "&degree=2&limit=";

        Http.Response firstOfTwo = http.get(query + "2", me.token());
        Http.Response secondOfTwo = http.get(query + "2&cursor=" + firstOfTwo.json().path("next").asString(), me.token());
        Http.Response allThreeNear = http.get(query + "3", me.token());
        Http.Response afterThree = http.get(query + "3&cursor=" + allThreeNear.json().path("next").asString(), me.token());

        assertThat(items(firstOfTwo)).extracting(h -> h.path("degree").asInt()).containsExactly(1, 1);
        assertThat(firstOfTwo.json().path("next").isNull()).isFalse();
        assertThat(items(secondOfTwo)).extracting(h -> h.path("member").path("id").asString())
                .hasSize(2).endsWith(outsider.id()).doesNotContain(me.id());
        assertThat(items(secondOfTwo).get(1).path("degree").isNull()).as("outside the network").isTrue();
        assertThat(secondOfTwo.json().path("next").isNull()).isTrue();
        assertThat(items(allThreeNear)).extracting(h -> h.path("member").path("id").asString())
                .containsExactlyInAnyOrderElementsOf(near.stream().map(Member::id).toList());
        assertThat(allThreeNear.json().path("next").isNull()).as("the outsider is on a next page").isFalse();
        assertThat(items(afterThree)).extracting(h -> h.path("member").path("id").asString()).containsExactly(outsider.id());
    }

    @Test
    void theDegreeBetweenMembersIsOneTwoThreeOrNone() {
        Member ann = signUp("deg");
        Member bob = signUp("deg");
        Member cat = signUp("deg");
        Member dan = signUp("deg");
        Member eve = signUp("deg");
        connect(ann, bob);
        connect(bob, cat);
        connect(cat, dan);

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
        assertThat(http.get("/api/v1/members/mbr_nobody/degree", ann.token()).status()).isEqualTo(404);
    }

    @Test
    void searchBySkillAndLocationPagesThroughItsHits() {
        String tag = Members.unique("sk");
        String skill = "Skill" + tag;
        String place = "Porto " + tag;
        Member me = signUp("sksr");
        Member a1 = signUp("sksr");
        Member a2 = signUp("sksr");
        Member b1 = signUp("sksr");
        Member elsewhere = signUp("sksr");
        Member otherSkill = signUp("sksr");
        for (Member m : List.of(a1, a2, b1)) {
            http.patch("/api/v1/profile", m.token(), Map.of("headline", "Engineer", "skills", List.of("SQL", skill), "location", place));
        }
        http.patch("/api/v1/profile", elsewhere.token(), Map.of("skills", List.of(skill), "location", "Lima"));
        http.patch("/api/v1/profile", otherSkill.token(), Map.of("skills", List.of("Cooking"), "location", place));
        for (Member m : List.of(a1, a2, elsewhere, otherSkill)) {
            connect(me, m);
        }
        connect(a1, b1);

        String query = "/api/v1/network/search?skill=" + skill.toLowerCase(java.util.Locale.ROOT) + "&location=" + Http.encode(Map.of("l", place)).substring(2)
                + "&degree=2&limit=2";
        Http.Response page1 = http.get(query, me.token());
        String next = page1.json().path("next").asString(null);
        Http.Response page2 = http.get(query + "&cursor=" + next, me.token());

        assertThat(items(page1)).extracting(h -> h.path("degree").asInt()).containsExactly(1, 1);
        assertThat(items(page1)).extracting(h -> h.path("member").path("id").asString())
                .containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(next).isNotNull();
        List<JsonNode> last = items(page2);
        assertThat(page2.json().path("next").isNull()).isTrue();
        assertThat(last).hasSize(1);
        JsonNode hit = last.get(0);
        assertThat(hit.path("member").path("id").asString()).isEqualTo(b1.id());
        assertThat(hit.path("member").path("handle").asString()).isEqualTo(b1.handle());
        assertThat(hit.path("member").path("headline").asString()).isEqualTo("Engineer");
        assertThat(hit.path("degree").asInt()).isEqualTo(2);
        assertThat(hit.path("sharedConnections").asInt()).isEqualTo(1);
        assertThat(hit.path("someShared")).extracting(JsonNode::asString).containsExactly(a1.id());
        assertThat(http.get("/api/v1/network/search?skill=x&cursor=bm9wZQ", me.token()).json().path("field").asString())
                .isEqualTo("cursor");
        // A made-up cursor at the largest offset is a page past the end, not a 500 (black-box finding: offset + size overflowed).
        Http.Response farOff = http.get(query + "&cursor=" + org.behalf.kernel.Cursors.encode("o", Integer.toString(Integer.MAX_VALUE)),
                me.token());
        assertThat(farOff.status()).as(farOff.toString()).isEqualTo(200);
        assertThat(items(farOff)).isEmpty();
        assertThat(farOff.json().path("next").isNull()).isTrue();
    }

    @Test
    void theBulkExportHasTheHoldersConnectionsAndMessages() {
        Member ann = signUp("exp");
        Member bob = signUp("exp");
        String invitation = http.post("/api/v1/invitations", ann.token(), Map.of("to", bob.id(), "message", "Hello Bob")).json()
                .path("id").asString();
        http.post("/api/v1/invitations/" + invitation + "/accept", bob.token(), null);
        assertThat(http.post("/api/v1/conversations", ann.token(), Map.of("to", bob.id(), "body", "Sent by Ann")).status())
                .isEqualTo(201);
        String conversation = http.post("/api/v1/conversations", bob.token(), Map.of("to", ann.id(), "body", "Bob answers")).json()
                .path("conversationId").asString();

        // The free-text rule of every other field: a message kept bells and escape sequences (black-box finding).
        Http.Response bell = http.post("/api/v1/conversations/" + conversation + "/messages", ann.token(),
                Map.of("body", "bell \u0007 esc \u001b[31m"));
        assertThat(bell.status()).as(bell.toString()).isEqualTo(400);
        assertThat(bell.json().path("field").asString()).isEqualTo("body");
        assertThat(bell.json().path("detail").asString()).isEqualTo("Control characters are not allowed.");

        Http.Response answer = http.get("/api/v1/export", ann.token());

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
        assertThat(http.get("/api/v1/export", bob.token()).json().path("messages").get(0).path("with").path("id").asString())
                .isEqualTo(ann.id());
    }

    private JsonNode degree(Member from, Member to) {
        Http.Response answer = http.get("/api/v1/members/" + to.id() + "/degree", from.token());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
