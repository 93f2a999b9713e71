package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Closing an account as the network sees it: identity closes it and announces {@code AccountClosed}
 * inside the closing transaction, in which the network ends the account's connections and open
 * invitations and forgets its name. A journey across identity and the network, so it stays with the
 * whole application; the rest of the network is tested in {@code modules/network} ({@code NetworkSlice}).
 */
class ClosedAccountNetworkTest extends NetworkServerTest {

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
}
