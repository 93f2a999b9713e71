package org.behalf.events.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.testing.SecurityEventTokens.CLAIMS_CHANGE;
import static org.behalf.testing.SecurityEventTokens.PUSH;
import static org.behalf.testing.SecurityEventTokens.SESSION_REVOKED;
import static org.behalf.testing.SecurityEventTokens.VERIFICATION;
import static org.behalf.testing.SecurityEventTokens.member;
import static org.behalf.testing.SecurityEventTokens.ofType;
import static org.behalf.testing.Waiting.await;
import static org.behalf.testing.Waiting.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.JWTClaimsSet;
import org.behalf.events.EventsSlice;
import org.behalf.events.SilentReceiver;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.ConsentWithdrawn;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.SecurityEventTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Shared Signals transmitter (DESIGN.md section 6, docs/security.md rule 42): its metadata, and
 * the SETs its streams carry, received by WireMock and verified with Nimbus against the signing
 * key, independently of the events' own code: which stream hears of which grant or withdrawn
 * consent, the claims of each, a paused or disabled stream, verification, and the signal lane that
 * neither a slow receiver nor a backlog of webhooks delays.
 */
class SecurityEventDeliveryTest extends EventsSlice {

    private static final String STREAMS = "/ssf/streams";

    @Test
    void theMetadataNamesTheEndpointsAndTheKeys() {
        Http.Response metadata = http.get("/.well-known/ssf-configuration", null);
        assertThat(metadata.status()).isEqualTo(200);
        JsonNode body = metadata.json();
        String issuer = body.path("issuer").asString();
        // No issuer configured: the URL the request reached (what OAuth discovery announces too).
        assertThat(issuer).isEqualTo(baseUrl());
        assertThat(body.path("spec_version").asString()).isEqualTo("1_0");
        assertThat(body.path("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(body.path("delivery_methods_supported").get(0).asString()).isEqualTo(PUSH);
        assertThat(body.path("configuration_endpoint").asString()).isEqualTo(issuer + STREAMS);
        assertThat(body.path("status_endpoint").asString()).isEqualTo(issuer + "/ssf/status");
        assertThat(body.path("verification_endpoint").asString()).isEqualTo(issuer + "/ssf/verify");
        assertThat(body.path("authorization_schemes").get(0).path("spec_urn").asString()).isEqualTo("urn:ietf:rfc:6749");
        assertThat(body.path("default_subjects").asString()).isEqualTo("ALL");
        assertThat(http.post("/.well-known/ssf-configuration", null, Map.of()).status()).isIn(403, 405);
    }

    @Test
    void theDelegatesAppsStreamHearsOfANarrowedAndARevokedGrantAndNoOtherStreamDoes() throws Exception {
        String app = client(owner);
        String other = client(owner);
        String path = stub(202);
        String otherPath = stub(202);
        String streamId = stream(app, path, List.of(SESSION_REVOKED, CLAIMS_CHANGE)).path("stream_id").asString();
        stream(other, otherPath, List.of(SESSION_REVOKED, CLAIMS_CHANGE));

        String holder = newMember();
        String delegate = newMember();
        // The delegate uses the app (so it can hold delegation tokens of the grant); the holder uses the other one.
        authorize(delegate, app);
        authorize(holder, other);
        String grant = grantEvent("grant.created", holder, delegate, List.of("profile:read", "profile:write"));
        grantEvent("grant.changed", grant, holder, delegate, List.of("profile:read"));
        grantEvent("grant.revoked", grant, holder, delegate, List.of("profile:read"));

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        List<JWTClaimsSet> sets = new ArrayList<>();
        for (LoggedRequest request : received) {
            assertThat(request.getHeader("Content-Type")).startsWith("application/secevent+jwt");
            assertThat(request.getHeader("Authorization")).isNull();
            sets.add(verified(request.getBodyAsString(), app));
        }
        JWTClaimsSet revoked = ofType(sets, SESSION_REVOKED);
        JWTClaimsSet narrowed = ofType(sets, CLAIMS_CHANGE);
        for (JWTClaimsSet set : sets) {
            Map<String, Object> subject = set.getJSONObjectClaim("sub_id");
            assertThat(subject.get("format")).isEqualTo("complex");
            assertThat(member(subject, "user")).isEqualTo(Map.of("format", "iss_sub", "iss", baseUrl(), "sub", holder));
            assertThat(member(subject, "delegate")).isEqualTo(Map.of("format", "iss_sub", "iss", baseUrl(), "sub", delegate));
            assertThat(member(subject, "session")).isEqualTo(Map.of("format", "opaque", "id", grant));
            assertThat(set.getJWTID()).isNotBlank();
            assertThat(set.getStringClaim("txn")).isNotBlank();
        }
        assertThat(member(revoked.getJSONObjectClaim("events"), SESSION_REVOKED).get("initiating_entity")).isEqualTo("user");
        Map<String, Object> change = member(narrowed.getJSONObjectClaim("events"), CLAIMS_CHANGE);
        assertThat(member(change, "claims").get("scope")).isEqualTo("profile:read");

        sleep(500); // long enough for a wrongly addressed SET to have been sent as well
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(otherPath)))).isEmpty();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);
        List<JsonNode> log = items(http.get("/api/v1/ssf/stream/deliveries?stream_id=" + streamId, owner));
        assertThat(log).hasSize(2);
        assertThat(log.get(0).path("status").asString()).isEqualTo("delivered");
        assertThat(log.get(0).path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(202);
    }

    /**
     * DESIGN.md section 6: "an app's consent is withdrawn". The app's stream hears a
     * {@code session-revoked} about the member (no grant is involved), addressed to that app; the
     * stream of another app the member also uses hears nothing.
     */
    @Test
    void aWithdrawnConsentTellsThatAppsStreamSessionRevokedAboutTheMemberAndNoOtherStream() throws Exception {
        String app = client(owner);
        String other = client(owner);
        String path = stub(202);
        String otherPath = stub(202);
        stream(app, path, List.of(SESSION_REVOKED));
        stream(other, otherPath, List.of(SESSION_REVOKED));
        String user = newMember();
        authorize(user, app);
        authorize(user, other);

        publish(new ConsentWithdrawn(user, app));

        LoggedRequest received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0);
        assertThat(received.getHeader("Content-Type")).startsWith("application/secevent+jwt");
        JWTClaimsSet set = verified(received.getBodyAsString(), app);
        Map<String, Object> subject = set.getJSONObjectClaim("sub_id");
        assertThat(subject.get("format")).isEqualTo("complex");
        assertThat(member(subject, "user")).isEqualTo(Map.of("format", "iss_sub", "iss", baseUrl(), "sub", user));
        assertThat(subject).doesNotContainKeys("delegate", "session");
        Map<String, Object> event = member(set.getJSONObjectClaim("events"), SESSION_REVOKED);
        assertThat(event.get("initiating_entity")).isEqualTo("user");
        assertThat(member(event, "reason_admin").get("en")).isEqualTo("The member withdrew their consent to this app.");
        assertThat(set.getJWTID()).isNotBlank();

        sleep(500); // long enough for a wrongly addressed SET to have been sent as well
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(otherPath)))).isEmpty();
        // One SET (delivery is at least once: a repeat carries the same jti, RFC 8935 section 2).
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(request -> Members.claims(request.getBodyAsString()).path("jti").asString()).distinct().toList())
                .containsExactly(set.getJWTID());
    }

    @Test
    void aSlowReceiverDoesNotDelayAnotherStream() {
        String app = client(owner);
        String slow = path();
        receiver.stubFor(post(urlEqualTo(slow)).willReturn(aResponse().withStatus(202).withFixedDelay(10_000)));
        String fast = stub(202);
        stream(app, slow, List.of(SESSION_REVOKED));
        stream(app, fast, List.of(SESSION_REVOKED));
        String holder = newMember();
        String delegate = newMember();
        authorize(delegate, app);

        grantEvent("grant.revoked", holder, delegate, List.of("profile:read"));
        // Within the promised 5 s (await), and sent alongside the slow one, not after it: the fast
        // receiver had its SET before the slow one's request could even have timed out (1 s here).
        LoggedRequest first = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(fast))), 1).get(0);
        LoggedRequest held = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(slow))), 1).get(0);
        assertThat(first.getLoggedDate()).isBefore(new Date(held.getLoggedDate().getTime() + 1_000));
        // While the slow receiver keeps failing, the next change still reaches the other stream within 5 s.
        grantEvent("grant.resigned", newMember(), delegate, List.of("profile:read"));
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(fast))), 2);
    }

    /**
     * Issue 19: a SET is never queued behind webhooks. Ten webhook subscriptions of the owner's
     * own profile go to a receiver that never answers in time (10 s; the read timeout is 1 s here),
     * and its profile keeps changing: a backlog of more than a thousand webhook deliveries, more
     * slow subscriptions than the webhook lane has workers for, and an outbox that keeps filling.
     * A revocation made then reaches the app's stream within 5 s, signed as ever.
     */
    @Test
    void aRevocationsSetIsNotQueuedBehindABacklogOfWebhookDeliveries() throws Exception {
        WireMockServer slowReceiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20));
        slowReceiver.start();
        List<String> hooks = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            slowReceiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204).withFixedDelay(10_000)));
            String app = client(owner);
            String path = stub(202);
            stream(app, path, List.of(SESSION_REVOKED));
            for (int i = 0; i < 10; i++) {
                Http.Response hook = http.post("/api/v1/webhooks", owner, Map.of("clientId", app,
                        "url", "http://127.0.0.1:" + slowReceiver.port() + "/hook/" + i, "events", List.of("profile.updated")));
                assertThat(hook.status()).isEqualTo(201);
                hooks.add(hook.json().path("id").asString());
            }
            String holder = newMember();
            String delegate = newMember();
            authorize(delegate, app);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.execute(() -> {
                    for (int n = 0; n < 250 && writing.get(); n++) {
                        publish(new AccountEvent("profile.updated", owner, null, Map.of("memberId", owner,
                                "fields", List.of("headline"), "n", writer + "." + n)));
                    }
                });
            }
            // The backlog is the set-up, not what is measured: on a loaded machine it may take longer to build.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (waitingWebhookDeliveries() < 1_000 && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertThat(waitingWebhookDeliveries()).isGreaterThanOrEqualTo(1_000);

            long revoked = System.nanoTime();
            String grant = grantEvent("grant.revoked", holder, delegate, List.of("profile:read"));
            LoggedRequest received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0);
            assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(5));
            JWTClaimsSet set = verified(received.getBodyAsString(), app);
            assertThat(set.getJSONObjectClaim("events")).containsKey(SESSION_REVOKED);
            assertThat(member(set.getJSONObjectClaim("sub_id"), "session")).isEqualTo(Map.of("format", "opaque", "id", grant));
            // The webhook deliveries were there all along, and still wait: the SET went past them.
            assertThat(waitingWebhookDeliveries()).isGreaterThanOrEqualTo(1_000);
        } finally {
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(10, TimeUnit.SECONDS);
            // Their deliveries go with them, so that no other test's webhooks wait behind this backlog. A delete
            // may lose a deadlock to the workers sending those deliveries (a 500 that changed nothing): it is tried again.
            for (String id : hooks) {
                for (int attempt = 0; attempt < 20 && http.delete("/api/v1/webhooks/" + id, owner).status() != 204; attempt++) {
                    sleep(100);
                }
            }
            slowReceiver.stop();
        }
    }

    /**
     * One owner's dead receivers hold a bounded share of the signal lane (docs/security.md rule 42):
     * black-box testing on 2026-12-06 found four streams of one app whose receiver takes connections and
     * never answers, with 30 verification SETs each, delaying another app's revocation 17 to 23 s (read
     * timeout 5 s; 3 to 4 s here, where it is 1 s), as one stream may have 4 runs in flight and the lane
     * has 4 workers. Now that owner's receivers never hold more than 2 of them, a waiting owner with
     * nothing in flight is served first, and the other app's SET arrives well within the read timeout.
     */
    @Test
    void oneOwnersDeadReceiversHoldAShareOfTheSignalLaneAndAnotherAppsRevocationGoesOutAtOnce() throws Exception {
        List<SilentReceiver> dead = new ArrayList<>();
        List<String> deadStreams = new ArrayList<>();
        SilentReceiver.MostConnected watcher = new SilentReceiver.MostConnected(dead);
        String deadApp = client(owner);
        try {
            for (int i = 0; i < 4; i++) {
                SilentReceiver silent = new SilentReceiver();
                dead.add(silent);
                Http.Response created = http.post(STREAMS, clientToken(deadApp), Map.of("delivery", Map.of("method", PUSH,
                        "endpoint_url", silent.url()), "events_requested", List.of(SESSION_REVOKED)));
                assertThat(created.status()).isEqualTo(201);
                String id = created.json().path("stream_id").asString();
                deadStreams.add(id);
                for (int n = 0; n < 30; n++) {
                    assertThat(http.post("/ssf/verify", clientToken(deadApp), Map.of("stream_id", id, "state", "s" + n)).status())
                            .isEqualTo(204);
                }
            }
            watcher.start();
            sleep(1_500); // the dead receivers' runs time out and are claimed again, as they do under an attack

            String otherOwner = newMember();
            String app = client(otherOwner);
            String path = stub(202);
            assertThat(http.post(STREAMS, clientToken(app), Map.of("delivery", Map.of("method", PUSH, "endpoint_url", url(path)),
                    "events_requested", List.of(SESSION_REVOKED))).status()).isEqualTo(201);
            String delegate = newMember();
            authorize(delegate, app);
            long revoked = System.nanoTime();
            grantEvent("grant.revoked", newMember(), delegate, List.of("profile:read"));
            Duration waited = arrival(path, revoked);
            assertThat(waited).as("the other app's SET waited %s", waited).isLessThan(Duration.ofSeconds(3));
            // The count of connections held (2 of 4, 4 before) is no test here: on a loaded machine a
            // timed-out connection still closing makes 2 look like 4 (CI, 2026-12-06). The other app's SET
            // going out in time is what the share is for.
            assertThat(watcher.most()).as("the dead receivers were being sent to").isPositive();
        } finally {
            watcher.close();
            for (String id : deadStreams) {
                http.delete(STREAMS + "?stream_id=" + id, clientToken(deadApp));
            }
            jdbc.update("DELETE FROM events_delivery WHERE owner_id = ?", owner);
            for (SilentReceiver silent : dead) {
                silent.close();
            }
        }
    }

    /** How long after {@code since} the first request reached {@code path}: waited for up to 30 s, so a failure says how late it was. */
    static Duration arrival(String path, long since) {
        long deadline = since + Duration.ofSeconds(30).toNanos();
        while (receiver.findAll(postRequestedFor(urlEqualTo(path))).isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** The owner's webhook deliveries not yet delivered (its subscriptions' receiver never answers in time). */
    private int waitingWebhookDeliveries() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM events_delivery WHERE owner_id = ? AND lane = 'webhook' "
                + "AND status = 'pending'", Integer.class, owner);
        return count == null ? 0 : count;
    }

    /** The signal lane's leftovers (see WebhookDeliveryTest's): a deleted stream's go, a paused one's are held, and no SET waits behind them. */
    @Test
    void setsLeftBehindByADeletedOrPausedStreamHoldUpNoOtherStream() {
        String pausedApp = client(owner);
        String paused = stream(pausedApp, stub(202), List.of(SESSION_REVOKED)).path("stream_id").asString();
        assertThat(http.post("/ssf/status", clientToken(pausedApp), Map.of("stream_id", paused, "status", "paused")).status())
                .isEqualTo(200);
        List<String> deleted = IntStream.range(0, 30).mapToObj(i -> OpaqueIds.next("ssf")).toList();
        deleted.forEach(this::tenDue);
        tenDue(paused);

        String app = client(owner);
        String path = stub(202);
        stream(app, path, List.of(SESSION_REVOKED));
        String delegate = newMember();
        authorize(delegate, app);
        grantEvent("grant.revoked", newMember(), delegate, List.of("profile:read"));
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1);

        await(() -> deliveriesOf(deleted).isEmpty() ? List.of(true) : List.of(), 1);
        assertThat(deliveriesOf(deleted)).isEmpty();
        assertThat(jdbc.queryForList("SELECT status FROM events_delivery WHERE webhook_id = ? AND type = 'profile.updated'", String.class,
                paused)).hasSize(10).containsOnly("held");
    }

    @Test
    void aPausedStreamKeepsEventsADisabledOneDropsThemAndVerificationArrives() {
        String app = client(owner);
        String path = stub(202);
        String id = stream(app, path, List.of(SESSION_REVOKED)).path("stream_id").asString();
        String receiverToken = clientToken(app);
        String holder = newMember();
        String delegate = newMember();
        authorize(delegate, app);

        JsonNode paused = http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "paused",
                "reason", "maintenance")).json();
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        assertThat(http.get("/ssf/status?stream_id=" + id, receiverToken).json().path("reason").asString())
                .isEqualTo("maintenance");
        String kept = grantEvent("grant.revoked", holder, delegate, List.of("profile:read"));
        sleep(700);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
        http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "enabled"));
        String first = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0).getBodyAsString();
        assertThat(Members.claims(first).path("sub_id").path("session").path("id").asString()).isEqualTo(kept);

        assertThat(http.post("/ssf/verify", receiverToken, Map.of("stream_id", id, "state", "st-42")).status())
                .isEqualTo(204);
        JsonNode verification = Members.claims(await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2).get(1)
                .getBodyAsString());
        assertThat(verification.path("events").path(VERIFICATION).path("state").asString()).isEqualTo("st-42");
        assertThat(verification.path("sub_id").path("id").asString()).isEqualTo(id);

        assertThat(http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "disabled")).status())
                .isEqualTo(200);
        grantEvent("grant.revoked", holder, delegate, List.of("profile:read"));
        sleep(1_100); // stored times may keep whole seconds: the enable comes a second later, whenever the revocation is fanned out
        assertThat(http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "enabled")).status())
                .isEqualTo(200);
        sleep(700);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);
    }

    /**
     * RFC 8935 section 2.3 and docs/integrators.md: only a {@code 400} that carries the receiver's
     * {@code {"err", "description"}} refuses a SET for good; a plain {@code 400}, as a proxy or
     * firewall in front of the receiver answers, is retried like any other failure. Before
     * 2026-12-07 every {@code 400} dropped the SET after one attempt (black-box finding).
     */
    @Test
    void onlyA400WithTheReceiversErrorRefusesASetForGood() {
        String app = client(owner);
        String plain = path();
        receiver.stubFor(post(urlEqualTo(plain)).inScenario(plain).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("bad request"))
                .willSetStateTo("answered"));
        receiver.stubFor(post(urlEqualTo(plain)).inScenario(plain).whenScenarioStateIs("answered")
                .willReturn(aResponse().withStatus(202)));
        String refusing = path();
        receiver.stubFor(post(urlEqualTo(refusing)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"err\":\"invalid_key\",\"description\":\"Key not recognised\"}")));
        String retried = stream(app, plain, List.of(SESSION_REVOKED)).path("stream_id").asString();
        String refused = stream(app, refusing, List.of(SESSION_REVOKED)).path("stream_id").asString();
        for (String id : List.of(retried, refused)) {
            assertThat(http.post("/ssf/verify", clientToken(app), Map.of("stream_id", id)).status()).isEqualTo(204);
        }

        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(plain))), 2);
        JsonNode delivered = await(() -> items(http.get("/api/v1/ssf/stream/deliveries?stream_id=" + retried, owner)).stream()
                .filter(d -> "delivered".equals(d.path("status").asString())).toList(), 1).get(0);
        assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.path("attemptLog").get(0).path("error").asString())
                .isEqualTo("The receiver answered HTTP 400 without saying why (RFC 8935's {\"err\", \"description\"}); it is tried again.");

        JsonNode failed = await(() -> items(http.get("/api/v1/ssf/stream/deliveries?stream_id=" + refused, owner)).stream()
                .filter(d -> "failed".equals(d.path("status").asString())).toList(), 1).get(0);
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("attemptLog").get(0).path("error").asString())
                .isEqualTo("The receiver refused the event: invalid_key (Key not recognised)");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(refusing)))).hasSize(1);
    }

    /**
     * SSF 1.0 section 8.1.1: a push stream's {@code delivery.authorization_header} is the Authorization
     * header of every push, how a receiver authenticates the SETs posted to it (black-box testing on
     * 2026-12-07 found it refused as an unknown field). It is the receiver's credential: stored
     * sealed, never shown again, and a value that is not one header line is refused.
     */
    @Test
    void aStreamsAuthorizationHeaderIsSentWithEveryPushAndNeverShown() {
        String app = client(owner);
        String path = stub(202);
        String header = "Bearer " + OpaqueIds.random(24);
        Http.Response created = http.post(STREAMS, clientToken(app), Map.of("delivery", Map.of("method", PUSH, "endpoint_url", url(path),
                "authorization_header", header), "events_requested", List.of(SESSION_REVOKED)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("stream_id").asString();
        assertThat(created.body()).doesNotContain(header);
        assertThat(http.get(STREAMS + "?stream_id=" + id, clientToken(app)).body()).doesNotContain(header);
        assertThat(jdbc.queryForObject("SELECT authorization_header FROM events_stream WHERE id = ?", String.class, id))
                .isNotNull().doesNotContain(header.substring(7));

        assertThat(http.post("/ssf/verify", clientToken(app), Map.of("stream_id", id)).status()).isEqualTo(204);
        assertThat(await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0).getHeader("Authorization")).isEqualTo(header);

        Http.Response injected = http.patch(STREAMS, clientToken(app), Map.of("stream_id", id, "delivery", Map.of("method", PUSH,
                "endpoint_url", url(path), "authorization_header", "Bearer x\r\nX-Injected: 1")));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.json().path("field").asString()).isEqualTo("delivery.authorization_header");
        // Changed without one, the delivery has none.
        assertThat(http.patch(STREAMS, clientToken(app), Map.of("stream_id", id, "delivery", Map.of("method", PUSH, "endpoint_url",
                url(path)))).status()).isEqualTo(200);
        assertThat(http.post("/ssf/verify", clientToken(app), Map.of("stream_id", id)).status()).isEqualTo(204);
        assertThat(await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2).stream()
                .filter(request -> !request.containsHeader("Authorization")).toList()).hasSize(1);
    }

    /** Verified as a receiver verifies it (SecurityEventTokens), against this slice's signing key. */
    private JWTClaimsSet verified(String compact, String audience) {
        return SecurityEventTokens.verified(compact, signingKeys(), audience, baseUrl());
    }

    /** The receiver makes its stream itself, with its own token, naming itself as the audience as SSF's examples do. */
    private JsonNode stream(String app, String path, List<String> events) {
        Http.Response created = http.post(STREAMS, clientToken(app), Map.of("aud", app,
                "delivery", Map.of("method", PUSH, "endpoint_url", url(path)), "events_requested", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("aud").get(0).asString()).isEqualTo(app);
        return created.json();
    }
}
