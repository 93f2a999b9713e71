package org.behalf.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.testing.Http;
import org.behalf.testing.Members.Member;
import tools.jackson.databind.JsonNode;

/** Connections and list pages over the public API, for the network's cross-module tests. */
final class NetworkFixture {

    private final Http http;

    NetworkFixture(Http http) {
        this.http = http;
    }

    /** An invitation from {@code a}, accepted by {@code b}. */
    void connect(Member a, Member b) {
        Http.Response sent = http.post("/api/v1/invitations", a.accessToken(), Map.of("to", b.id()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        Http.Response accepted = http.post("/api/v1/invitations/" + sent.json().path("id").asString() + "/accept", b.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
