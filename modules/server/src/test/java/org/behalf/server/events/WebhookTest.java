package org.behalf.server.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.server.events.Waiting.await;
import static org.behalf.server.events.Waiting.sleep;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.behalf.identity.api.AccountEvent;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks (DESIGN.md section 6, docs/security.md rule 42), received by WireMock and checked with a
 * Standard Webhooks verifier written here from the specification's text, not the server's signer.
 */
class WebhookTest extends ServerTest {

    private static WireMockServer receiver;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private ApplicationEventPublisher events;

    private Http http;
    private Members.Member owner;
    private String clientId;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(30));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void integrator() {
        http = new Http(baseUrl());
        owner = Members.create(baseUrl(), "hook");
        clientId = client(owner);
    }

    @Test
    void aGrantOfTheOwnersAccountArrivesSignedWithoutTokens() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        Http.Response created = http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", clientId, "url", url(path),
                "events", List.of("grant.created", "grant.revoked")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        String id = created.json().path("id").asString();
        assertThat(http.get("/api/v1/webhooks/" + id, owner.accessToken()).json().has("secret")).isFalse();

        Members.Member delegate = delegate();
        String grant = Delegations.activeGrant(http, owner, delegate, List.of("profile:read"));
        http.post("/api/v1/delegations/" + grant + "/revoke", owner.accessToken(), null);

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        // Deliveries are not promised in order (docs/integrators-events.md): each is found by its type.
        List<JsonNode> bodies = received.stream().map(r -> Http.JSON.readTree(r.getBodyAsString())).toList();
        assertThat(bodies.stream().map(b -> b.path("type").asString())).containsExactlyInAnyOrder("grant.created", "grant.revoked");
        JsonNode first = ofType(bodies, "grant.created");
        assertThat(first.path("data").path("grantId").asString()).isEqualTo(grant);
        assertThat(first.path("data").path("holderId").asString()).isEqualTo(owner.id());
        assertThat(first.has("timestamp")).isTrue();
        for (LoggedRequest request : received) {
            assertThat(verifies(request, secret)).isTrue();
            assertThat(request.getBodyAsString()).doesNotContain(owner.accessToken()).doesNotContain(secret).doesNotContain("whsec_");
            assertThat(request.getHeader("Authorization")).isNull();
        }
        // grant.accepted was not subscribed to: two deliveries, not three. The worker marks a delivery
        // delivered once the receiver's answer is in, a moment after the receiver logged the request.
        List<JsonNode> delivered = await(() -> http.get("/api/v1/webhooks/" + id + "/deliveries", owner.accessToken()).json()
                .path("items").valueStream().filter(item -> "delivered".equals(item.path("status").asString())).toList(), 2);
        assertThat(http.get("/api/v1/webhooks/" + id + "/deliveries", owner.accessToken()).json().path("items")).hasSize(2);
        assertThat(delivered.get(0).path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(204);
    }

    @Test
    void anAppAuthorizedByAMemberHearsOfThatMembersGrants() {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String redirect = "http://127.0.0.1:9/cb";
        JsonNode app = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "CRM", "redirectUris", List.of(redirect),
                "scopes", List.of("profile:read"))).json();
        subscribe(app.path("clientId").asString(), path, List.of("grant.created"));
        Members.Member user = Members.create(baseUrl(), "hooku");
        Members.Member stranger = Members.create(baseUrl(), "hooks");
        Members.appTokens(baseUrl(), app, redirect, user, "profile:read");

        // The app's user grants (the user authorized the app); a stranger grants to the app's owner (the
        // owner's own account); the stranger grants to someone else (neither): two deliveries, not three.
        String usersGrant = http.post("/api/v1/delegations", user.accessToken(), Map.of("delegate", stranger.handle(),
                "scopes", List.of("profile:read"))).json().path("id").asString();
        String toOwner = http.post("/api/v1/delegations", stranger.accessToken(), Map.of("delegate", owner.handle(),
                "scopes", List.of("profile:read"))).json().path("id").asString();
        http.post("/api/v1/delegations", stranger.accessToken(), Map.of("delegate", delegate().handle(), "scopes", List.of("profile:read")));

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        sleep(300);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> Http.JSON.readTree(r.getBodyAsString()).path("data").path("grantId").asString()))
                .containsExactlyInAnyOrder(usersGrant, toOwner);
    }

    @Test
    void profileInvitationAndClosingEventsOfAnAppsUserArrive() {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String redirect = "http://127.0.0.1:9/cb";
        JsonNode app = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "CRM", "redirectUris", List.of(redirect),
                "scopes", List.of("profile:read"))).json();
        subscribe(app.path("clientId").asString(), path, List.of("profile.updated", "invitation.received", "invitation.answered",
                "account.closed"));
        Members.Member user = Members.create(baseUrl(), "hooku");
        Members.appTokens(baseUrl(), app, redirect, user, "profile:read");

        assertThat(http.patch("/api/v1/profile", user.accessToken(), Map.of("headline", "A private thought")).status()).isEqualTo(200);
        String invitation = http.post("/api/v1/invitations", delegate().accessToken(), Map.of("to", user.id())).json().path("id").asString();
        assertThat(http.post("/api/v1/invitations/" + invitation + "/decline", user.accessToken(), null).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/account/close", user.accessToken(), Map.of("password", user.password())).status()).isEqualTo(204);

        List<JsonNode> bodies = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 4).stream()
                .map(r -> Http.JSON.readTree(r.getBodyAsString())).toList();
        assertThat(bodies.stream().map(b -> b.path("type").asString()))
                .containsExactlyInAnyOrder("profile.updated", "invitation.received", "invitation.answered", "account.closed");
        assertThat(ofType(bodies, "profile.updated").path("data").path("fields").get(0).asString()).isEqualTo("headline");
        assertThat(ofType(bodies, "profile.updated").toString()).doesNotContain("A private thought");
        assertThat(ofType(bodies, "invitation.answered").path("data").path("status").asString()).isEqualTo("declined");
        assertThat(ofType(bodies, "account.closed").path("data").path("memberId").asString()).isEqualTo(user.id());
    }

    private static JsonNode ofType(List<JsonNode> bodies, String type) {
        return bodies.stream().filter(b -> b.path("type").asString().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aRolledBackChangeSendsNothingAndACommittedOneIsSent() {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        subscribe(clientId, path, List.of("profile.updated"));
        try {
            transactions.executeWithoutResult(status -> {
                events.publishEvent(new AccountEvent("profile.updated", owner.id(), null, Map.of("memberId", owner.id(), "n", 1)));
                throw new IllegalStateException("the change fails after publishing");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        transactions.executeWithoutResult(status ->
                events.publishEvent(new AccountEvent("profile.updated", owner.id(), null, Map.of("memberId", owner.id(), "n", 2))));
        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1);
        sleep(300); // long enough for a wrongly written first event to have been sent too
        received = receiver.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        assertThat(Http.JSON.readTree(received.get(0).getBodyAsString()).path("data").path("n").asInt()).isEqualTo(2);
        // Outside a transaction the event is refused rather than written on its own.
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        events.publishEvent(new AccountEvent("profile.updated", owner.id(), null, Map.of())))
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
        Members.Member delegate = delegate();
        http.post("/api/v1/delegations", owner.accessToken(), Map.of("delegate", delegate.handle(), "scopes", List.of("profile:read")));

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
        Members.Member delegate = delegate();
        http.post("/api/v1/delegations", owner.accessToken(), Map.of("delegate", delegate.handle(), "scopes", List.of("profile:read")));

        await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(elsewhere)))).isEmpty();
        JsonNode delivery = http.get("/api/v1/webhooks/" + id + "/deliveries", owner.accessToken()).json().path("items").get(0);
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
        Members.Member delegate = delegate();
        // Three events: the slow receiver holds one worker, never the others.
        for (int i = 0; i < 3; i++) {
            http.post("/api/v1/delegations", owner.accessToken(), Map.of("delegate", delegate.handle(), "scopes", List.of("profile:read")));
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
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        String id = subscribe(clientId, path, List.of("grant.created"));
        Members.Member delegate = delegate();
        http.post("/api/v1/delegations", owner.accessToken(), Map.of("delegate", delegate.handle(), "scopes", List.of("profile:read")));
        await(() -> attempted(id), 1);
        // The delivery has been failing since a day and an hour ago.
        jdbc.update("UPDATE events_delivery SET retry_from = ? WHERE webhook_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(25))), id);

        await(() -> {
            JsonNode hook = http.get("/api/v1/webhooks/" + id, owner.accessToken()).json();
            return "disabled".equals(hook.path("status").asString()) ? List.of(hook) : List.of();
        }, 1);
        JsonNode delivery = http.get("/api/v1/webhooks/" + id + "/deliveries", owner.accessToken()).json().path("items").get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        JsonNode entries = http.get("/api/v1/activity?limit=100", owner.accessToken()).json().path("items");
        JsonNode told = null;
        for (JsonNode entry : entries) {
            if ("webhook.disable".equals(entry.path("action").asString())) {
                told = entry;
            }
        }
        assertThat(told).isNotNull();
        assertThat(told.path("actor").path("kind").asString()).isEqualTo("system");
        assertThat(told.path("reason").asString()).contains("failed for 24 hours");

        // Enabled again, and redelivered by hand once the receiver works.
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        assertThat(http.patch("/api/v1/webhooks/" + id, owner.accessToken(), Map.of("enabled", true)).status()).isEqualTo(200);
        Http.Response again = http.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery.path("id").asString() + "/redeliver",
                owner.accessToken(), null);
        assertThat(again.status()).isEqualTo(202);
        assertThat(await(() -> delivered(id), 1).get(0).path("id").asString()).isEqualTo(delivery.path("id").asString());
    }

    @Test
    void duringARotationsGracePeriodBothSecretsSign() throws Exception {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        Http.Response created = http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", clientId, "url", url(path),
                "events", List.of("grant.created")));
        String old = created.json().path("secret").asString();
        Http.Response rotated = http.post("/api/v1/webhooks/" + created.json().path("id").asString() + "/secret", owner.accessToken(), null);
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().path("previousSecretValidUntil").asString()).isNotEmpty();

        Members.Member delegate = delegate();
        http.post("/api/v1/delegations", owner.accessToken(), Map.of("delegate", delegate.handle(), "scopes", List.of("profile:read")));
        LoggedRequest request = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0);
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(request, old)).isTrue();
        assertThat(verifies(request, fresh)).isTrue();
        assertThat(verifies(request, "whsec_" + Base64.getEncoder().encodeToString(new byte[24]))).isFalse();
    }

    @Test
    void badSubscriptionsAreRefusedAndNothingIsCreated() {
        Members.Member other = Members.create(baseUrl(), "hooko");
        String othersClient = client(other);
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
            Http.Response refused = http.post("/api/v1/webhooks", owner.accessToken(), body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).doesNotContain("Exception");
        }
        assertThat(http.get("/api/v1/webhooks", owner.accessToken()).json().path("items")).isEmpty();

        for (int i = 0; i < 20; i++) {
            assertThat(http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", clientId, "url", url(path()),
                    "events", List.of("grant.created"))).status()).isEqualTo(201);
        }
        Http.Response twentyFirst = http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", clientId, "url", url(path()),
                "events", List.of("grant.created")));
        assertThat(twentyFirst.status()).isEqualTo(400);
        assertThat(twentyFirst.json().path("detail").asString()).contains("at most 20");
        assertThat(http.get("/api/v1/webhooks", owner.accessToken()).json().path("items")).hasSize(20);
    }

    @Test
    void anotherMembersWebhookIsNotFoundAndADelegateIsRefused() {
        String id = subscribe(clientId, path(), List.of("grant.created"));
        Members.Member other = Members.create(baseUrl(), "hooko");
        for (String probe : List.of("/api/v1/webhooks/" + id, "/api/v1/webhooks/" + id + "/deliveries")) {
            assertThat(http.get(probe, other.accessToken()).status()).isEqualTo(404);
        }
        assertThat(http.delete("/api/v1/webhooks/" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/webhooks/" + id + "/secret", other.accessToken(), null).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/webhooks", other.accessToken()).json().path("items")).isEmpty();

        // A delegate of the owner with every delegable scope still cannot: clients:manage is never delegable.
        Members.Member delegate = delegate();
        String grant = Delegations.activeGrant(http, owner, delegate, List.of("profile:read"));
        String token = Delegations.delegationToken(http, grant, delegate);
        Http.Response refused = http.post("/api/v1/webhooks", token, Map.of("clientId", clientId, "url", url(path()),
                "events", List.of("grant.created")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(http.get("/api/v1/webhooks", owner.accessToken()).json().path("items")).hasSize(1);
        JsonNode entries = http.get("/api/v1/activity?limit=100", owner.accessToken()).json().path("items");
        boolean recorded = false;
        for (JsonNode entry : entries) {
            recorded |= "webhook.create".equals(entry.path("action").asString()) && "denied".equals(entry.path("outcome").asString())
                    && "delegate".equals(entry.path("actor").path("kind").asString());
        }
        assertThat(recorded).isTrue();
        assertThat(http.delete("/api/v1/webhooks/" + id, owner.accessToken()).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/webhooks/" + id, owner.accessToken()).status()).isEqualTo(404);
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
            if (parts[0].equals("v1") && java.security.MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected)) {
                return true;
            }
        }
        return false;
    }

    private static Members.Member sharedDelegate;

    /** One helper for every test's grants: grants count against their holder, not their delegate. */
    private Members.Member delegate() {
        if (sharedDelegate == null) {
            sharedDelegate = Members.create(baseUrl(), "hookd");
        }
        return sharedDelegate;
    }

    private String client(Members.Member member) {
        Http.Response registered = http.post("/api/v1/clients", member.accessToken(), Map.of("name", "Scheduler",
                "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read")));
        assertThat(registered.status()).isEqualTo(201);
        return registered.json().path("clientId").asString();
    }

    private String subscribe(String client, String path, List<String> types) {
        Http.Response created = http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", client, "url", url(path),
                "events", types));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private List<JsonNode> delivered(String webhookId) {
        return items(webhookId).stream().filter(d -> "delivered".equals(d.path("status").asString())).toList();
    }

    private List<JsonNode> attempted(String webhookId) {
        return items(webhookId).stream().filter(d -> d.path("attempts").asInt() > 0).toList();
    }

    private List<JsonNode> items(String webhookId) {
        List<JsonNode> items = new ArrayList<>();
        http.get("/api/v1/webhooks/" + webhookId + "/deliveries", owner.accessToken()).json().path("items").forEach(items::add);
        return items;
    }

    private static String path() {
        return "/hook/" + Members.unique("r");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }
}
