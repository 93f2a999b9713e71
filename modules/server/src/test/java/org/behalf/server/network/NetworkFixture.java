package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import tools.jackson.databind.JsonNode;

/** Members, connections and list pages over the public API, for the network tests. */
final class NetworkFixture {

    private final Http http;

    NetworkFixture(Http http) {
        this.http = http;
    }

    /**
     * A member who only signed up (no token): enough to be invited, and much cheaper than a
     * signed-in member when a test needs a hundred of them.
     */
    String signedUp(String prefix) {
        String handle = Members.unique(prefix);
        Http.Response created = http.post("/api/v1/members", null, Map.of("handle", handle, "email", handle + "@example.test",
                "password", "correct horse " + handle, "displayName", "Test " + handle));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** An invitation from {@code a}, accepted by {@code b}. */
    void connect(Member a, Member b) {
        Http.Response sent = http.post("/api/v1/invitations", a.accessToken(), Map.of("to", b.id()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        Http.Response accepted = http.post("/api/v1/invitations/" + sent.json().path("id").asString() + "/accept", b.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** Every item of a list, following {@code next} (pages of 100). */
    List<JsonNode> all(String path, String token) {
        List<JsonNode> all = new ArrayList<>();
        String next = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            Http.Response page = http.get(path + separator + "limit=100" + (next == null ? "" : "&cursor=" + next), token);
            all.addAll(items(page));
            next = page.json().path("next").asString(null);
        } while (next != null);
        return all;
    }

    static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
