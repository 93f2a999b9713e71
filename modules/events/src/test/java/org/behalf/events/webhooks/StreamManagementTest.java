package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.testing.SecurityEventTokens.PUSH;
import static org.behalf.testing.SecurityEventTokens.SESSION_REVOKED;

import java.util.List;
import java.util.Map;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.events.EventsSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Managing Shared Signals streams (OpenID SSF 1.0 section 8.1; DESIGN.md section 6): the receiver at
 * {@code /ssf/} with its own client's token reaches only its own streams, the owner at
 * {@code /api/v1/ssf/} every stream of their clients, and anyone else finds nothing, answered as if
 * no stream were there (docs/security.md rule 20). Bad input is refused in plain words and creates
 * nothing. Which tokens these endpoints take at all is the enforcement's, tested in the server.
 */
class StreamManagementTest extends EventsSlice {

    private static final String STREAMS = "/ssf/streams";
    private static final String OWNER_STREAMS = "/api/v1/ssf/stream";

    @Test
    void badInputIsRefusedInPlainWordsAndCreatesNothing() {
        String client = client(owner);
        String othersClient = client(newMember());
        List<Map<String, Object>> bad = List.of(
                Map.of("aud", client, "delivery", Map.of("method", PUSH, "endpoint_url", "https://10.0.0.8/ssf"),
                        "events_requested", List.of(SESSION_REVOKED)),
                Map.of("aud", client, "delivery", Map.of("method", PUSH, "endpoint_url", "https://169.254.169.254/ssf"),
                        "events_requested", List.of(SESSION_REVOKED)),
                Map.of("aud", client, "delivery", Map.of("method", PUSH, "endpoint_url", "http://example.com/ssf"),
                        "events_requested", List.of(SESSION_REVOKED)),
                Map.of("aud", client, "delivery", Map.of("method", "urn:ietf:rfc:8936"), "events_requested", List.of(SESSION_REVOKED)),
                Map.of("aud", client, "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))),
                        "events_requested", List.of("https://schemas.openid.net/secevent/caep/event-type/credential-change")),
                Map.of("aud", client, "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))), "events_requested", List.of()),
                Map.of("aud", othersClient, "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))),
                        "events_requested", List.of(SESSION_REVOKED)),
                Map.of("aud", client(owner), "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))),
                        "events_requested", List.of(SESSION_REVOKED)));
        String receiverToken = clientToken(client);
        for (Map<String, Object> body : bad) {
            Http.Response refused = http.post(STREAMS, receiverToken, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).doesNotContain("Exception").doesNotContain("null");
        }
        assertThat(http.get(STREAMS, receiverToken).json()).isEmpty();
        // The owner's console names the client the stream is for.
        assertThat(http.post(OWNER_STREAMS, owner, Map.of("delivery", Map.of("method", PUSH, "endpoint_url",
                url(stub(202))), "events_requested", List.of(SESSION_REVOKED))).status()).isEqualTo(400);
        assertThat(http.get(OWNER_STREAMS, owner).json()).isEmpty();
        assertThat(recorded(owner)).isEmpty();
        String id = stream(client).path("stream_id").asString();
        Http.Response badStatus = http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "asleep"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(http.get("/ssf/status?stream_id=" + id, receiverToken).json().path("status").asString()).isEqualTo("enabled");
    }

    /**
     * Another owner's client, and another client of the same owner, find nothing of a client's
     * stream; the client itself reads, changes and deletes it, and its owner sees it from the
     * console, with the client's changes in the owner's log as the client's.
     */
    @Test
    void aReceiverReachesOnlyItsOwnStreamsAndItsOwnerSeesThem() {
        String app = client(owner);
        String receiverToken = clientToken(app);
        String id = stream(app).path("stream_id").asString();

        String rivalsApp = client(newMember());
        String sibling = client(owner);
        for (String other : List.of(clientToken(rivalsApp), clientToken(sibling))) {
            assertThat(http.get(STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
            assertThat(http.post("/ssf/status", other, Map.of("stream_id", id, "status", "disabled")).status()).isEqualTo(404);
            assertThat(http.post("/ssf/verify", other, Map.of("stream_id", id)).status()).isEqualTo(404);
            assertThat(http.delete(STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
            assertThat(http.get(STREAMS, other).json()).isEmpty();
        }
        // A client nobody registered (Behalf's own) has no streams, and is refused rather than shown an empty list.
        assertThat(http.get(STREAMS, clientToken("behalf-console")).status()).isEqualTo(403);

        assertThat(http.get("/ssf/status?stream_id=" + id, receiverToken).json().path("status").asString()).isEqualTo("enabled");
        ActivityEvent created = recorded(owner).stream().filter(e -> "ssf.stream.create".equals(e.action())).findFirst().orElseThrow();
        assertThat(created.actor()).isEqualTo(new ActivityEvent.Actor(ActivityEvent.Actor.Kind.APP, app));
        assertThat(created.outcome()).isEqualTo(ActivityEvent.Outcome.SUCCESS);
        assertThat(created.target().id()).isEqualTo(id);
        // The owner's console sees the client's stream through the same service.
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, owner).json().path("aud").get(0).asString()).isEqualTo(app);
        JsonNode changed = http.patch(STREAMS, receiverToken, Map.of("stream_id", id, "description", "the assistant's")).json();
        assertThat(changed.path("description").asString()).isEqualTo("the assistant's");
        assertThat(http.delete(STREAMS + "?stream_id=" + id, receiverToken).status()).isEqualTo(204);
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void anotherMembersStreamIsNotFound() {
        String id = stream(client(owner)).path("stream_id").asString();
        String other = newMember();
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
        assertThat(http.patch(OWNER_STREAMS, other, Map.of("stream_id", id, "description", "mine")).status()).isEqualTo(404);
        assertThat(http.delete(OWNER_STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/ssf/status?stream_id=" + id, other).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/ssf/status", other, Map.of("stream_id", id, "status", "disabled")).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/ssf/verify", other, Map.of("stream_id", id)).status()).isEqualTo(404);
        assertThat(http.get(OWNER_STREAMS, other).json()).isEmpty();
        JsonNode mine = http.get(OWNER_STREAMS + "?stream_id=" + id, owner).json();
        assertThat(mine.path("status").asString()).isEqualTo("enabled");
        assertThat(mine.has("description")).isFalse();
        assertThat(recorded(other)).isEmpty();

        assertThat(http.delete(OWNER_STREAMS + "?stream_id=" + id, owner).status()).isEqualTo(204);
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, owner).status()).isEqualTo(404);
    }

    /** The receiver makes its stream itself, with its own token, naming itself as the audience as SSF's examples do. */
    private JsonNode stream(String app) {
        Http.Response created = http.post(STREAMS, clientToken(app), Map.of("aud", app,
                "delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))), "events_requested", List.of(SESSION_REVOKED)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /**
     * Each change a receiver or the owner makes is recorded with where the request came from and its
     * user agent, as refused attempts are (the request's id too, in the server: SharedSignalsTest).
     * Black-box testing on 2026-12-06 found ssf.stream.status and ssf.stream.verify recorded without them.
     */
    @Test
    void everyChangeIsRecordedWithTheRequestsAddressAndUserAgent() {
        String app = client(owner);
        String receiverToken = clientToken(app);
        String id = stream(app).path("stream_id").asString();
        assertThat(http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "paused", "reason", "upgrade")).status())
                .isEqualTo(200);
        assertThat(http.post("/ssf/verify", receiverToken, Map.of("stream_id", id, "state", "x")).status()).isEqualTo(204);
        assertThat(http.patch(STREAMS, receiverToken, Map.of("stream_id", id, "description", "d")).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/ssf/status", owner, Map.of("stream_id", id, "status", "enabled")).status()).isEqualTo(200);
        assertThat(http.delete(STREAMS + "?stream_id=" + id, receiverToken).status()).isEqualTo(204);

        List<ActivityEvent> entries = recorded(owner);
        assertThat(entries).extracting(ActivityEvent::action).containsExactly("ssf.stream.create", "ssf.stream.status", "ssf.stream.verify",
                "ssf.stream.update", "ssf.stream.status", "ssf.stream.delete");
        for (ActivityEvent entry : entries) {
            assertThat(entry.request().ip()).as(entry.action()).isEqualTo("127.0.0.1");
            assertThat(entry.request().userAgent()).as(entry.action()).startsWith("Java-http-client");
        }
    }


    /**
     * A status reason is one line of text: one holding a line break, a tab, an escape sequence, a
     * bell or another control character is refused in plain words naming {@code reason}, and
     * changes nothing (black-box testing on 2026-12-06 found such reasons stored and echoed).
     */
    @Test
    void aStatusReasonWithControlCharactersIsRefusedAndChangesNothing() {
        String app = client(owner);
        String receiverToken = clientToken(app);
        String id = stream(app).path("stream_id").asString();
        for (String reason : List.of("down\nfor upgrade", "\u001b[31mred", "ring\u0007", "a\u0001b", "tab\there", "cr\rlf")) {
            Http.Response refused = http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "paused",
                    "reason", reason.translateEscapes()));
            assertThat(refused.status()).as(reason).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("field").asString()).isEqualTo("reason");
            assertThat(refused.json().path("detail").asString()).contains("one line");
        }
        JsonNode status = http.get("/ssf/status?stream_id=" + id, receiverToken).json();
        assertThat(status.path("status").asString()).isEqualTo("enabled");
        assertThat(status.has("reason")).isFalse();
        assertThat(recorded(owner)).extracting(ActivityEvent::action).containsExactly("ssf.stream.create");
        JsonNode paused = http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "paused",
                "reason", "  Down for an upgrade — back at 14:00 ")).json();
        assertThat(paused.path("reason").asString()).isEqualTo("Down for an upgrade — back at 14:00");
    }


    /**
     * A refused receiver address names the field the receiver sent, {@code delivery.endpoint_url}, on
     * creating and on changing a stream (black-box testing on 2026-12-06 found it named {@code url}).
     */
    @Test
    void aRefusedAddressNamesTheFieldTheClientSent() {
        String app = client(owner);
        String receiverToken = clientToken(app);
        for (String address : new String[] {"https://10.0.0.8/ssf", "http://example.com/ssf", "not an address", ""}) {
            Http.Response refused = http.post(STREAMS, receiverToken, Map.of("delivery", Map.of("method", PUSH, "endpoint_url", address),
                    "events_requested", List.of(SESSION_REVOKED)));
            assertThat(refused.status()).as(address).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).as(address).isEqualTo("delivery.endpoint_url");
        }
        String id = stream(app).path("stream_id").asString();
        Http.Response changed = http.patch(STREAMS, receiverToken, Map.of("stream_id", id, "delivery", Map.of("method", PUSH,
                "endpoint_url", "https://169.254.169.254/ssf")));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().path("field").asString()).isEqualTo("delivery.endpoint_url");
        // A webhook's address is its url.
        assertThat(http.post("/api/v1/webhooks", owner, Map.of("clientId", app, "url", "https://10.0.0.8/h", "events",
                List.of("grant.created"))).json().path("field").asString()).isEqualTo("url");
    }

    /**
     * SSF 1.0 section 8.1.1: {@code events_delivered} is the intersection of what is supported and
     * what is requested, so a receiver that asks for more than is offered gets a stream of what is
     * (black-box testing on 2026-12-07 found the whole stream refused); one that asks for nothing
     * offered is told so.
     */
    @Test
    void aStreamDeliversWhatIsBothRequestedAndSupported() {
        String app = client(owner);
        String receiverToken = clientToken(app);
        String credentialChange = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
        Http.Response created = http.post(STREAMS, receiverToken, Map.of("delivery", Map.of("method", PUSH, "endpoint_url", url(stub(202))),
                "events_requested", List.of(SESSION_REVOKED, credentialChange)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("events_requested").valueStream().map(JsonNode::asString)).containsExactly(SESSION_REVOKED,
                credentialChange);
        assertThat(created.json().path("events_delivered").valueStream().map(JsonNode::asString)).containsExactly(SESSION_REVOKED);
        String id = created.json().path("stream_id").asString();
        assertThat(http.get(STREAMS + "?stream_id=" + id, receiverToken).json().path("events_delivered").valueStream()
                .map(JsonNode::asString)).containsExactly(SESSION_REVOKED);

        Http.Response nothingOffered = http.patch(STREAMS, receiverToken, Map.of("stream_id", id, "events_requested", List.of(credentialChange)));
        assertThat(nothingOffered.status()).isEqualTo(400);
        assertThat(nothingOffered.json().path("detail").asString()).startsWith("None of these event types is offered");
        assertThat(http.get(STREAMS + "?stream_id=" + id, receiverToken).json().path("events_requested")).hasSize(2);
    }

}
