package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.testing.SecurityEventTokens.PUSH;
import static org.behalf.testing.SecurityEventTokens.SESSION_REVOKED;

import java.util.List;
import java.util.Map;

import org.behalf.events.EventsSlice;
import org.behalf.identity.api.ClientDeleted;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions (DESIGN.md section 6): where they may deliver (docs/security.md rule 42),
 * what they may name, how many a client has, and that someone else's answers exactly like a missing
 * one (docs/security.md rule 20). Bad input is a problem answer and creates nothing.
 */
class WebhookSubscriptionTest extends EventsSlice {

    @Test
    void badSubscriptionsAreRefusedAndNothingIsCreated() {
        String clientId = client(owner);
        String othersClient = client(newMember());
        List<Map<String, Object>> bad = List.of(
                Map.of("clientId", clientId, "url", "http://example.com/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://10.0.0.7/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://192.168.1.1/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://169.254.169.254/latest/meta-data", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://[fd00::1]/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://[fe80::1]/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://100.64.0.1/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://0.0.0.0/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "https://user:pass@127.0.0.1/hook", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", "not a url", "events", List.of("grant.created")),
                Map.of("clientId", clientId, "url", url(path()), "events", List.of("grant.created", "grant.stolen")),
                Map.of("clientId", clientId, "url", url(path()), "events", List.of()),
                Map.of("clientId", othersClient, "url", url(path()), "events", List.of("grant.created")),
                Map.of("url", url(path()), "events", List.of("grant.created")));
        for (Map<String, Object> body : bad) {
            Http.Response refused = http.post("/api/v1/webhooks", owner, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).doesNotContain("Exception");
        }
        assertThat(items(http.get("/api/v1/webhooks", owner))).isEmpty();
        assertThat(recorded(owner)).isEmpty();

        for (int i = 0; i < 20; i++) {
            assertThat(http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId, "url", url(path()),
                    "events", List.of("grant.created"))).status()).isEqualTo(201);
        }
        Http.Response twentyFirst = http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId, "url", url(path()),
                "events", List.of("grant.created")));
        assertThat(twentyFirst.status()).isEqualTo(400);
        assertThat(twentyFirst.json().path("detail").asString()).contains("at most 20");
        assertThat(items(http.get("/api/v1/webhooks", owner))).hasSize(20);
    }

    @Test
    void anotherMembersWebhookIsNotFoundAndItsOwnerMayDeleteIt() {
        Http.Response created = http.post("/api/v1/webhooks", owner, Map.of("clientId", client(owner), "url", url(path()),
                "events", List.of("grant.created")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String other = newMember();
        for (String probe : List.of("/api/v1/webhooks/" + id, "/api/v1/webhooks/" + id + "/deliveries")) {
            assertThat(http.get(probe, other).status()).isEqualTo(404);
        }
        assertThat(http.delete("/api/v1/webhooks/" + id, other).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/webhooks/" + id + "/secret", other, null).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/webhooks/" + id, other, Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(items(http.get("/api/v1/webhooks", other))).isEmpty();
        assertThat(http.get("/api/v1/webhooks/" + id, owner).json().path("status").asString()).isEqualTo("active");

        assertThat(http.delete("/api/v1/webhooks/" + id, owner).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/webhooks/" + id, owner).status()).isEqualTo(404);
        assertThat(recorded(owner).stream().map(e -> e.action())).containsExactly("webhook.create", "webhook.delete");
    }

    /**
     * Deleting a client (identity publishes {@link ClientDeleted} in that transaction) removes its
     * webhooks and Shared Signals streams with their deliveries; the owner's other clients keep
     * theirs. Black-box testing on 2026-12-06 found a deleted client's webhooks still listed as
     * active, and PATCH and a new secret still working on them.
     */
    @Test
    void aDeletedClientsWebhooksAndStreamsGoWithIt() {
        String doomed = client(owner);
        String kept = client(owner);
        String hook = http.post("/api/v1/webhooks", owner, Map.of("clientId", doomed, "url", url(stub(204)), "events",
                List.of("grant.created"))).json().path("id").asString();
        String keptHook = http.post("/api/v1/webhooks", owner, Map.of("clientId", kept, "url", url(stub(204)), "events",
                List.of("grant.created"))).json().path("id").asString();
        Http.Response stream = http.post("/ssf/streams", clientToken(doomed), Map.of("delivery", Map.of("method", PUSH,
                "endpoint_url", url(stub(202))), "events_requested", List.of(SESSION_REVOKED)));
        assertThat(stream.status()).isEqualTo(201);
        String streamId = stream.json().path("stream_id").asString();
        tenDue(hook);
        tenDue(streamId);

        publish(new ClientDeleted(owner, doomed));

        assertThat(http.get("/api/v1/webhooks", owner).json().path("items").valueStream().map(w -> w.path("id").asString()).toList())
                .containsExactly(keptHook);
        assertThat(http.get("/api/v1/webhooks/" + hook, owner).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/webhooks/" + hook, owner, Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/webhooks/" + hook + "/secret", owner, null).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/ssf/stream", owner).json()).isEmpty();
        assertThat(deliveriesOf(List.of(hook, streamId))).isEmpty();
        assertThat(http.get("/api/v1/webhooks/" + keptHook, owner).json().path("status").asString()).isEqualTo("active");
    }

}
