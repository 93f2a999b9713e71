package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.testing.SecurityEventTokens.PUSH;
import static org.behalf.testing.SecurityEventTokens.SESSION_REVOKED;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.events.EventsSlice;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.ServerDefaultsSchema;
import org.behalf.testing.Http;
import org.behalf.testing.IdSpellings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * docs/security.md rule 26: an id a caller names (a webhook's, a delivery's, a stream's) is one string
 * (DESIGN.md section 3), also on a database created with the server's defaults, whose collation ignores
 * case and accents, not only on the tests' binary schemas (black-box finding, 2026-12-07: another
 * spelling of an id found the row, and became the answer's id, and on rotation what the webhook's new
 * secret was sealed with). Each id here is asked for in other spellings (a letter of its random part in
 * the other case, and with trailing spaces, which every MySQL collation pads) and finds nothing, changes nothing.
 */
@Import(ServerDefaultsSchema.class)
class IdCollationTest extends EventsSlice {

    @BeforeEach
    void onTheServersDefaultCollation() {
        assertThat(jdbc.queryForObject("SELECT DATABASE()", String.class)).isEqualTo(ServerDefaultsSchema.DATABASE.schema());
        assertThat(jdbc.queryForObject("SELECT @@collation_database", String.class)).isNotEqualTo("utf8mb4_bin");
    }

    @Test
    void aWebhookOrDeliveryIdInAnotherSpellingIsNone() {
        Http.Response created = http.post("/api/v1/webhooks", owner, Map.of("clientId", client(owner), "url", url(stub(200)),
                "events", List.of("grant.created")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String delivery = OpaqueIds.next("msg");
        Timestamp hourAgo = Timestamp.from(Instant.now().minusSeconds(3600));
        jdbc.update("INSERT INTO events_delivery (owner_id, id, webhook_id, lane, type, body, status, attempts, created_at, "
                + "retry_from, next_attempt_at) VALUES (?, ?, ?, 'webhook', 'grant.created', '{}', 'failed', 1, ?, ?, ?)",
                owner, delivery, id, hourAgo, hourAgo, hourAgo);

        for (String other : IdSpellings.inUrls(id)) {
            assertThat(http.get("/api/v1/webhooks/" + other, owner).status()).as(other).isEqualTo(404);
            assertThat(http.patch("/api/v1/webhooks/" + other, owner, Map.of("enabled", false)).status()).as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/webhooks/" + other + "/secret", owner, null).status()).as(other).isEqualTo(404);
            assertThat(http.get("/api/v1/webhooks/" + other + "/deliveries", owner).status()).as(other).isEqualTo(404);
            assertThat(http.post("/api/v1/webhooks/" + other + "/deliveries/" + delivery + "/redeliver", owner, null).status())
                    .as(other).isEqualTo(404);
            assertThat(http.delete("/api/v1/webhooks/" + other, owner).status()).as(other).isEqualTo(404);
        }
        for (String other : IdSpellings.inUrls(delivery)) {
            assertThat(http.post("/api/v1/webhooks/" + id + "/deliveries/" + other + "/redeliver", owner, null).status())
                    .as(other).isEqualTo(404);
            Http.Response page = http.get("/api/v1/webhooks/" + id + "/deliveries?cursor=" + other, owner);
            assertThat(page.status()).as(other).isEqualTo(400);
            assertThat(page.json().path("detail").asString()).isEqualTo("This cursor is not one of this list's.");
        }

        assertThat(http.get("/api/v1/webhooks/" + id, owner).json().path("status").asString()).isEqualTo("active");
        assertThat(recorded(owner)).extracting(ActivityEvent::action).containsExactly("webhook.create");
        Http.Response again = http.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redeliver", owner, null);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString()).isEqualTo(delivery);
    }

    @Test
    void aStreamIdInAnotherSpellingIsNoStream() {
        String client = client(owner);
        String token = clientToken(client);
        Http.Response created = http.post("/ssf/streams", token, Map.of("aud", client,
                "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))), "events_requested", List.of(SESSION_REVOKED)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("stream_id").asString();

        for (String other : IdSpellings.inUrls(id)) {
            assertThat(http.get("/ssf/streams?stream_id=" + other, token).status()).as(other).isEqualTo(404);
            assertThat(http.get("/ssf/status?stream_id=" + other, token).status()).as(other).isEqualTo(404);
            assertThat(http.get("/api/v1/ssf/stream?stream_id=" + other, owner).status()).as(other).isEqualTo(404);
            assertThat(http.delete("/ssf/streams?stream_id=" + other, token).status()).as(other).isEqualTo(404);
        }
        Http.Response stream = http.get("/ssf/streams?stream_id=" + id, token);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.json().path("stream_id").asString()).isEqualTo(id);
    }
}
