package org.behalf.events.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.behalf.testing.Waiting.await;
import static org.behalf.testing.Waiting.sleep;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.events.EventsSlice;
import org.behalf.events.SilentReceiver;
import org.behalf.identity.api.AccountEvent;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;
import tools.jackson.databind.JsonNode;

/**
 * Webhook delivery (DESIGN.md section 6, docs/security.md rule 42), received by WireMock and checked
 * with a Standard Webhooks verifier written here from the specification's text, not the server's
 * signer: which events reach which subscription, signatures and the rotation's grace period,
 * retries with the same id, redirects, timeouts, and giving up after 24 hours.
 */
class WebhookDeliveryTest extends EventsSlice {

    private String clientId;
    private String delegate;

    @BeforeEach
    void integrator() {
        clientId = client(owner);
        delegate = newMember();
    }

    @Test
    void aGrantOfTheOwnersAccountArrivesSignedWithoutSecretsAndOnlyTheTypesSubscribedTo() throws Exception {
        String path = stub(204);
        Http.Response created = http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId, "url", url(path),
                "events", List.of("grant.created", "grant.revoked")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        String id = created.json().path("id").asString();
        assertThat(http.get("/api/v1/webhooks/" + id, owner).json().has("secret")).isFalse();

        String grant = grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        grantEvent("grant.accepted", grant, owner, delegate, List.of("profile:read"));
        grantEvent("grant.revoked", grant, owner, delegate, List.of("profile:read"));

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        // Deliveries are not promised in order (docs/integrators-events.md): each is found by its type.
        List<JsonNode> bodies = received.stream().map(r -> Http.JSON.readTree(r.getBodyAsString())).toList();
        assertThat(bodies.stream().map(b -> b.path("type").asString())).containsExactlyInAnyOrder("grant.created", "grant.revoked");
        JsonNode first = bodies.stream().filter(b -> b.path("type").asString().equals("grant.created")).findFirst().orElseThrow();
        assertThat(first.path("data").path("grantId").asString()).isEqualTo(grant);
        assertThat(first.path("data").path("holderId").asString()).isEqualTo(owner);
        assertThat(first.has("timestamp")).isTrue();
        for (LoggedRequest request : received) {
            assertThat(verifies(request, secret)).isTrue();
            assertThat(request.getBodyAsString()).doesNotContain(secret).doesNotContain("whsec_");
            assertThat(request.getHeader("Authorization")).isNull();
        }
        // grant.accepted was not subscribed to: two deliveries, not three. The worker marks a delivery
        // delivered once the receiver's answer is in, a moment after the receiver logged the request.
        List<JsonNode> delivered = await(() -> delivered(id), 2);
        assertThat(deliveries(id)).hasSize(2);
        assertThat(delivered.get(0).path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(204);
    }

    /**
     * The body's {@code timestamp} is the event's instant to the millisecond, as the example of
     * docs/integrators-events.md shows and its advice to order events by it needs: on MariaDB 10.x
     * it was read back from a column that keeps whole seconds there, and every event of one second
     * carried the same one (black-box finding, 2026-12-07; this suite runs on such a database where
     * it is MariaDB).
     */
    @Test
    void theBodysTimestampIsTheEventsInstantToTheMillisecond() {
        String path = stub(200);
        subscribe(clientId, path, List.of("profile.updated"));
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            publish(new AccountEvent("profile.updated", owner, null, Map.of("memberId", owner, "n", i)));
        }
        Instant after = Instant.now();

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 3);
        for (LoggedRequest request : received) {
            Instant timestamp = Instant.parse(Http.JSON.readTree(request.getBodyAsString()).path("timestamp").asString());
            assertThat(timestamp).isBetween(before, after);
        }
    }

    /**
     * An app hears of its users' events only within what each gave it (FanOut.CONSENT_NEEDED): before
     * 2026-12-07 an app allowed only profile:read was told of every grant, invitation and approval of
     * its user (black-box finding).
     */
    @Test
    void anAppHearsOfItsUsersEventsOnlyWithinTheirConsentAndItsOwnerOfTheirOwnAccount() {
        String path = stub(200);
        String app = client(owner);
        subscribe(app, path, List.of("grant.created", "approval.requested", "profile.updated", "invitation.received", "account.closed"));
        String user = newMember();
        String reader = newMember();
        String stranger = newMember();
        authorize(user, app, "profile:read");
        authorize(reader, app, "invitations:read");

        // The profile:read user's grant, approval and invitation: none; their profile and leaving: both.
        grantEvent("grant.created", user, stranger, List.of("profile:read"));
        publish(new AccountEvent("approval.requested", user, stranger, Map.of("approvalId", "apr_x")));
        publish(new AccountEvent("invitation.received", user, null, Map.of("invitationId", "inv_user")));
        publish(new AccountEvent("profile.updated", user, null, Map.of("memberId", user)));
        publish(new AccountEvent("account.closed", user, null, Map.of("memberId", user)));
        // The invitations:read user's invitation: heard; their profile: not.
        publish(new AccountEvent("invitation.received", reader, null, Map.of("invitationId", "inv_reader")));
        publish(new AccountEvent("profile.updated", reader, null, Map.of("memberId", reader)));
        // A stranger grants to the app's owner: the owner's own account, heard; to someone else: not.
        String toOwner = grantEvent("grant.created", stranger, owner, List.of("profile:read"));
        grantEvent("grant.created", stranger, delegate, List.of("profile:read"));

        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 4);
        sleep(300);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path))).stream().map(r -> Http.JSON.readTree(r.getBodyAsString()))
                .map(body -> body.path("type").asString() + " " + body.path("data").path("memberId").asString("")
                        + body.path("data").path("invitationId").asString("") + body.path("data").path("grantId").asString("")))
                .containsExactlyInAnyOrder("profile.updated " + user, "account.closed " + user, "invitation.received inv_reader",
                        "grant.created " + toOwner);
    }

    @Test
    void aRolledBackChangeSendsNothingAndACommittedOneIsSent() {
        String path = stub(200);
        subscribe(clientId, path, List.of("profile.updated"));
        try {
            transactions.executeWithoutResult(status -> {
                publisher().publishEvent(new AccountEvent("profile.updated", owner, null, Map.of("memberId", owner, "n", 1)));
                throw new IllegalStateException("the change fails after publishing");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        publish(new AccountEvent("profile.updated", owner, null, Map.of("memberId", owner, "n", 2)));
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1);
        sleep(300); // long enough for a wrongly written first event to have been sent too
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        assertThat(Http.JSON.readTree(received.get(0).getBodyAsString()).path("data").path("n").asInt()).isEqualTo(2);
        // Outside a transaction the event is refused rather than written on its own.
        assertThatThrownBy(() -> publisher().publishEvent(new AccountEvent("profile.updated", owner, null, Map.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aFailingReceiverIsRetriedUntilItAnswersWithTheSameId() {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        String id = subscribe(clientId, path, List.of("grant.created"));
        grantEvent("grant.created", owner, delegate, List.of("profile:read"));

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 3);
        assertThat(received.stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);
        JsonNode delivery = await(() -> delivered(id), 1).get(0);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(500);
        assertThat(delivery.path("attemptLog").get(1).path("responseStatus").asInt()).isEqualTo(503);
        assertThat(delivery.path("attemptLog").get(2).path("responseStatus").asInt()).isEqualTo(200);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        String path = path();
        String elsewhere = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(307).withHeader("Location", url(elsewhere))));
        receiver.stubFor(post(urlEqualTo(elsewhere)).willReturn(aResponse().withStatus(200)));
        String id = subscribe(clientId, path, List.of("grant.created"));
        grantEvent("grant.created", owner, delegate, List.of("profile:read"));

        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(elsewhere)))).isEmpty();
        JsonNode delivery = deliveries(id).get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("pending");
        assertThat(delivery.path("attemptLog").get(0).path("error").asString()).contains("Redirected");
    }

    @Test
    void aSlowReceiverTimesOutAndDelaysNoOtherReceiver() {
        String slow = path();
        String fast = path();
        receiver.stubFor(post(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        receiver.stubFor(post(urlEqualTo(fast)).willReturn(aResponse().withStatus(200)));
        String slowId = subscribe(clientId, slow, List.of("grant.created"));
        subscribe(clientId, fast, List.of("grant.created"));
        // Three events: the slow receiver holds one worker, never the others.
        for (int i = 0; i < 3; i++) {
            grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        }
        long start = System.nanoTime();
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(fast))), 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        JsonNode attempt = await(() -> attempted(slowId), 1).get(0).path("attemptLog").get(0);
        assertThat(attempt.path("error").asString()).isEqualTo("No answer within 1000 ms.");
        assertThat(attempt.path("responseStatus").isNull()).isTrue();
    }

    @Test
    void afterTwentyFourHoursOfFailuresTheWebhookIsDisabledAndItsOwnerTold() {
        String path = stub(500);
        String id = subscribe(clientId, path, List.of("grant.created"));
        grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        await(() -> attempted(id), 1);
        // The delivery has been failing since a day and an hour ago.
        jdbc.update("UPDATE events_delivery SET retry_from = ? WHERE webhook_id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(25))), id);

        await(() -> {
            JsonNode hook = http.get("/api/v1/webhooks/" + id, owner).json();
            return "disabled".equals(hook.path("status").asString()) ? List.of(hook) : List.of();
        }, 1);
        JsonNode delivery = deliveries(id).get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        ActivityEvent told = recorded(owner).stream().filter(e -> "webhook.disable".equals(e.action())).findFirst().orElseThrow();
        assertThat(told.actor().kind()).isEqualTo(ActivityEvent.Actor.Kind.SYSTEM);
        assertThat(told.reason()).contains("failed for 24 hours");

        // Its later events wait, held (docs/integrators-events.md): before 2026-12-07 the fan-out skipped a
        // disabled webhook, and the events of its disabled days were lost without a trace (black-box finding).
        String recent = grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        String old = grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        List<JsonNode> held = await(() -> deliveries(id).stream().filter(d -> "held".equals(d.path("status").asString())).toList(), 2);
        assertThat(held).hasSize(2);
        // One was held longer than the bound (Webhook.HOLD_FOR, 7 days): enabling fails it, saying why, rather than sending it.
        jdbc.update("UPDATE events_delivery SET created_at = ? WHERE webhook_id = ? AND body LIKE ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(8))), id, "%" + old + "%");

        // Enabled again: the recent held one goes out by itself, and the failed one is redelivered by hand.
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        assertThat(http.patch("/api/v1/webhooks/" + id, owner, Map.of("enabled", true)).status()).isEqualTo(200);
        Http.Response again = http.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery.path("id").asString() + "/redeliver",
                owner, null);
        assertThat(again.status()).isEqualTo(202);
        await(() -> delivered(id), 2);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path))).stream().map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains(recent))).isNotEmpty();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path))).stream().map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains(old))).isEmpty();
        assertThat(delivered(id).stream().map(d -> d.path("id").asString())).contains(delivery.path("id").asString());
        JsonNode expired = deliveries(id).stream().filter(d -> "failed".equals(d.path("status").asString())).findFirst().orElseThrow();
        assertThat(expired.path("attempts").asInt()).isZero();
        assertThat(expired.path("lastError").asString()).contains("waited more than 7 days");
    }

    @Test
    void duringARotationsGracePeriodBothSecretsSign() throws Exception {
        String path = stub(200);
        Http.Response created = http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId, "url", url(path),
                "events", List.of("grant.created")));
        String old = created.json().path("secret").asString();
        Http.Response rotated = http.post("/api/v1/webhooks/" + created.json().path("id").asString() + "/secret", owner, null);
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().path("previousSecretValidUntil").asString()).isNotEmpty();

        grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        LoggedRequest request = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0);
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(request, old)).isTrue();
        assertThat(verifies(request, fresh)).isTrue();
        assertThat(verifies(request, "whsec_" + Base64.getEncoder().encodeToString(new byte[24]))).isFalse();
    }

    /**
     * Receivers that are down, each with a backlog (docs/security.md rule 42): a run that meets no
     * answer ends, and the rest of it waits for the failed delivery's retry instead of going back
     * first due. Four of them are enough to take every worker of the lane (4 runs each); put back as
     * they were, their backlog was claimed again and again, a timeout per run, and a working
     * receiver's delivery waited behind all of it. Each is a port that takes connections and never
     * answers, so every attempt waits out the read timeout (1 s): the backlog (4 × 60 attempts, at
     * most 4 runs of one owner at a time) takes a minute, and the working receiver's delivery must
     * come long before. It is waited for 10 s: within the full suite it once came after 5 s, behind
     * runs still in flight that each wait out their second.
     */
    @Test
    void receiversThatNeverAnswerKeepNoOtherReceiverWaitingBehindTheirBacklog() throws Exception {
        List<ServerSocket> silent = new ArrayList<>();
        List<String> down = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                ServerSocket socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
                silent.add(socket);
                Http.Response hook = http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId,
                        "url", "http://127.0.0.1:" + socket.getLocalPort() + "/hook", "events", List.of("profile.updated")));
                assertThat(hook.status()).isEqualTo(201);
                down.add(hook.json().path("id").asString());
            }
            for (String id : down) {
                for (int tens = 0; tens < 6; tens++) {
                    tenDue(id);
                }
            }
            String path = stub(204);
            subscribe(clientId, path, List.of("grant.created"));
            grantEvent("grant.created", owner, delegate, List.of("profile:read"));

            await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1, Duration.ofSeconds(10));
        } finally {
            for (String id : down) {
                http.delete("/api/v1/webhooks/" + id, owner);
            }
            for (ServerSocket socket : silent) {
                socket.close();
            }
        }
    }

    /**
     * One owner's dead receivers hold a bounded share of the webhook lane (docs/security.md rule 42):
     * black-box testing on 2026-12-06 found twenty webhooks of one client, whose receivers take
     * connections and never answer, holding all 16 workers (4 each, within each subscription's
     * share) and other members' webhooks 53 to 103 s late. Now one owner, however many clients and
     * webhooks they have, has at most 4 runs in flight, and another member's webhook goes out at once.
     */
    @Test
    void oneOwnersDeadReceiversHoldAQuarterOfTheWebhookLaneAndAnotherMembersWebhookGoesOutAtOnce() throws Exception {
        List<SilentReceiver> dead = new ArrayList<>();
        List<String> down = new ArrayList<>();
        SilentReceiver.MostConnected watcher = new SilentReceiver.MostConnected(dead);
        try {
            for (int i = 0; i < 20; i++) {
                SilentReceiver silent = new SilentReceiver();
                dead.add(silent);
                Http.Response hook = http.post("/api/v1/webhooks", owner, Map.of("clientId", clientId, "url", silent.url(),
                        "events", List.of("profile.updated")));
                assertThat(hook.status()).isEqualTo(201);
                down.add(hook.json().path("id").asString());
                tenDue(down.get(i));
                tenDue(down.get(i));
            }
            watcher.start();
            sleep(1_500); // the dead receivers' runs time out and are claimed again, as they do under an attack

            String other = newMember();
            String path = stub(204);
            assertThat(http.post("/api/v1/webhooks", other, Map.of("clientId", client(other), "url", url(path),
                    "events", List.of("grant.created"))).status()).isEqualTo(201);
            long changed = System.nanoTime();
            grantEvent("grant.created", other, newMember(), List.of("profile:read"));
            Duration waited = SecurityEventDeliveryTest.arrival(path, changed);
            assertThat(waited).as("the other member's webhook waited %s", waited).isLessThan(Duration.ofSeconds(3));
            // 4, and on a loaded machine timed-out connections still closing (6 seen on CI); 16 or 17 before.
            assertThat(watcher.most()).as("connections open at once to one owner's dead receivers").isBetween(1, 8);
        } finally {
            watcher.close();
            for (String id : down) {
                http.delete("/api/v1/webhooks/" + id, owner);
            }
            for (SilentReceiver silent : dead) {
                silent.close();
            }
        }
    }

    /**
     * An outbox row the fan-out cannot read (its data is not the JSON the module writes: a bug, or a
     * row of another version) is removed with an error in the log, not left to fail its batch, one
     * transaction, at every poll while every event behind it waits (docs/security.md rule 42).
     */
    @Test
    void anUnreadableEventIsRemovedAndTheEventsBehindItGoOut() {
        String path = stub(204);
        subscribe(clientId, path, List.of("grant.created", "grant.revoked"));
        Timestamp minuteAgo = Timestamp.from(Instant.now().minusSeconds(60));
        // One of the types the signal lane fans out first, and one it does not.
        for (String type : List.of("grant.revoked", "grant.created")) {
            jdbc.update("INSERT INTO events_outbox (account_id, id, other_account, type, data, occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
                    owner, OpaqueIds.next("evt"), delegate, type, "{\"grantId\": ", minuteAgo);
        }
        String grant = grantEvent("grant.created", owner, delegate, List.of("profile:read"));

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1);
        assertThat(Http.JSON.readTree(received.get(0).getBodyAsString()).path("data").path("grantId").asString()).isEqualTo(grant);
        // Each lane removes the unreadable row it reads; the two poll apart, so the other lane's may go a poll later.
        await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM events_outbox WHERE account_id = ?", Integer.class, owner) == 0
                ? List.of(owner) : List.of(), 1);
        sleep(300);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    /**
     * What a fan-out racing a webhook's deletion or disabling leaves behind: deliveries written from a
     * read of the subscription made just before the change, committed just after it. They must hold
     * up no other receiver (docs/security.md rule 42): the first claim of each settles it as the change
     * would have (gone with a deleted webhook, held for a disabled one) rather than releasing it to be
     * claimed again at every poll ahead of every newer delivery. Written here as that race leaves them,
     * more of them than the lane's workers take in a claim: the race itself cannot be timed from a
     * test. (Found when the deliveries of a deleted backlog left every webhook of the next test unsent.)
     */
    @Test
    void deliveriesLeftBehindByADeletedOrDisabledWebhookHoldUpNoOtherReceiver() {
        String disabledPath = stub(500);
        String disabled = subscribe(clientId, disabledPath, List.of("profile.updated"));
        assertThat(http.patch("/api/v1/webhooks/" + disabled, owner, Map.of("enabled", false)).status()).isEqualTo(200);
        List<String> deleted = IntStream.range(0, 30).mapToObj(i -> OpaqueIds.next("whk")).toList();
        deleted.forEach(this::tenDue);
        tenDue(disabled);

        String path = stub(204);
        subscribe(clientId, path, List.of("grant.created"));
        grantEvent("grant.created", owner, delegate, List.of("profile:read"));
        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1);

        await(() -> deliveriesOf(deleted).isEmpty() ? List.of(true) : List.of(), 1);
        assertThat(deliveriesOf(deleted)).isEmpty();
        // Claimed after the deleted ones (due last), so perhaps a poll later (CI saw them pending at this point).
        await(() -> jdbc.queryForList("SELECT id FROM events_delivery WHERE webhook_id = ? AND status <> 'pending'", String.class,
                disabled), 10);
        assertThat(jdbc.queryForList("SELECT status FROM events_delivery WHERE webhook_id = ?", String.class, disabled))
                .hasSize(10).containsOnly("held");
        // Enabled again, the held ones go out.
        receiver.stubFor(post(urlEqualTo(disabledPath)).willReturn(aResponse().withStatus(200)));
        assertThat(http.patch("/api/v1/webhooks/" + disabled, owner, Map.of("enabled", true)).status()).isEqualTo(200);
        await(() -> delivered(disabled), 10);
        assertThat(delivered(disabled)).hasSize(10);
    }

    /**
     * Standard Webhooks verification from the specification: the signed content is
     * {@code msg_id.timestamp.body}, HMAC-SHA256 keyed with the base64 after {@code whsec_}; the header
     * holds space-separated {@code v1,<base64>} signatures, any one of which may match.
     */
    private static boolean verifies(LoggedRequest request, String secret) throws Exception {
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "." + request.getBodyAsString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(request.getHeader("webhook-timestamp"));
        if (Math.abs(age) > 300) {
            return false;
        }
        for (String signature : request.getHeader("webhook-signature").split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected)) {
                return true;
            }
        }
        return false;
    }

    private String subscribe(String client, String path, List<String> types) {
        Http.Response created = http.post("/api/v1/webhooks", owner, Map.of("clientId", client, "url", url(path), "events", types));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private List<JsonNode> deliveries(String webhookId) {
        return items(http.get("/api/v1/webhooks/" + webhookId + "/deliveries", owner));
    }

    private List<JsonNode> delivered(String webhookId) {
        return deliveries(webhookId).stream().filter(d -> "delivered".equals(d.path("status").asString())).toList();
    }

    private List<JsonNode> attempted(String webhookId) {
        return deliveries(webhookId).stream().filter(d -> d.path("attempts").asInt() > 0).toList();
    }
}
