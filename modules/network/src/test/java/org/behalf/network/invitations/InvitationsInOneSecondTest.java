package org.behalf.network.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.behalf.network.NetworkSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * Invitations sent within one second, over real HTTP. On MariaDB 10.x times are stored in whole
 * seconds (docs/operations.md), which this machine's server is, and a second's invitations came back
 * in the order of their random ids (black-box finding 13). No pauses: requests one after the other
 * fall in one second nearly always, which is the case.
 */
class InvitationsInOneSecondTest extends NetworkSlice {

    @Test
    void eachListHoldsItsInvitationsInTheOrderSentAndPagesSoToo() {
        Member ann = signUp("order");
        Member bob = signUp("order");
        List<Member> others = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Member other = signUp("order");
            connect(bob, other);
            others.add(other);
        }
        connect(ann, bob);
        List<Member> strangers = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            strangers.add(signUp("order"));
        }
        List<String> sentByAnn = new ArrayList<>();
        List<String> introducedByBob = new ArrayList<>();
        List<String> receivedByBob = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            // Introductions through bob to his connections, invitations to members ann does not know,
            // and invitations to bob from them.
            String introduction = send(ann, Map.of("to", others.get(k).id(), "via", bob.id()));
            sentByAnn.add(introduction);
            introducedByBob.add(introduction);
            sentByAnn.add(send(ann, Map.of("to", strangers.get(k).id())));
            receivedByBob.add(send(strangers.get(k), Map.of("to", bob.id())));
        }

        // Each list also holds the invitations that connected ann and bob and bob with the others, sent earlier.
        assertThat(pages("sent", ann)).startsWith(newestFirst(sentByAnn).toArray(String[]::new));
        assertThat(pages("received", bob)).startsWith(newestFirst(receivedByBob).toArray(String[]::new));
        assertThat(pages("introductions", bob)).containsExactlyElementsOf(newestFirst(introducedByBob));
    }

    private String send(Member from, Map<String, String> invitation) {
        Http.Response sent = http.post("/api/v1/invitations", from.token(), invitation);
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        return sent.json().path("id").asString();
    }

    /** The list's ids page by page, each from the previous page's cursor. */
    private List<String> pages(String direction, Member member) {
        return all("/api/v1/invitations?direction=" + direction, member.token(), 3).stream().map(i -> i.path("id").asString()).toList();
    }

    private static List<String> newestFirst(List<String> sent) {
        List<String> reversed = new ArrayList<>(sent);
        Collections.reverse(reversed);
        return reversed;
    }
}
