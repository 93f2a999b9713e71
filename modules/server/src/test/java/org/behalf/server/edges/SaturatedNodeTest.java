package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.behalf.kernel.BodyTooSlow;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md rule 41: a node that is answering as many requests as it may sheds the next one
 * at once with 503 and {@code Retry-After}, keeps answering its health probes, and serves again as
 * soon as the burst is over. The burst here is the cheapest an attacker has: requests whose bodies
 * never finish arriving.
 */
class SaturatedNodeTest extends ServerTest {

    private static final int LIMIT = 4;
    private static final int PER_ADDRESS = 2;
    private static final Duration BODY_TIME_LIMIT = Duration.ofSeconds(6);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void smallLimit(DynamicPropertyRegistry registry) {
        registry.add("behalf.max-concurrent-requests", () -> Integer.toString(LIMIT));
        registry.add("behalf.max-concurrent-requests-per-address", () -> Integer.toString(PER_ADDRESS));
        registry.add("behalf.body-time-limit", () -> BODY_TIME_LIMIT.toSeconds() + "s");
        // The container gives up on a body that stops coming sooner than the node's bound, as a deployment's may.
        registry.add("server.tomcat.connection-timeout", () -> READ_TIMEOUT.toSeconds() + "s");
        // Behind a trusted proxy (this test, over loopback), so that each connection can be a client address of its own.
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    @Test
    void pastTheLimitARequestIsAnswered503WithRetryAfterAtOnceAndHealthStillAnswers() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "busy");
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                RawHttp slow = RawHttp.open(port, "PATCH", "/api/v1/profile", ("Authorization: Bearer " + member.accessToken()
                        + "\r\nContent-Type: application/json\r\n").getBytes(StandardCharsets.ISO_8859_1), 100);
                slow.write("{".getBytes(StandardCharsets.UTF_8));
                stalled.add(slow);
            }
            awaitShed(http, member);

            long start = System.nanoTime();
            Http.Response shed = http.get("/api/v1/profile", member.accessToken());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(shed.status()).as(shed.toString()).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            assertThat(shed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(shed.json().path("detail").asString()).isEqualTo("The service is busy right now. Try again in a moment.");
            // At once: not after the pool's or the stalled bodies' timeouts (seconds).
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials")).status())
                    .as("the token endpoint is shed too").isEqualTo(503);
            assertThat(http.get("/actuator/health/readiness", null).status()).as("health is never shed").isEqualTo(200);
            // A browser is shed with a page in the same words, and told when to come back too.
            Http.Response page = http.send(http.request("/console", null).setHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .GET().build());
            assertThat(page.status()).as(page.toString()).isEqualTo(503);
            assertThat(page.header("Retry-After")).isEqualTo("1");
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<html lang=\"en\"", "<h1>Service Unavailable</h1>",
                    "The service is busy right now. Try again in a moment.");
        } finally {
            stalled.forEach(RawHttp::close);
        }
        assertServedAgain(http, member);
    }

    /**
     * Slow bodies are the node's to count, never its request threads': Tomcat read the rest of a body
     * its endpoint had refused at once after the answer, at the client's pace and on a thread nobody
     * counted, and 220 such connections held every thread, health probes' too (black-box testing,
     * 2026-12-06). A refused request's rest is read while it holds its place; a shed one is closed.
     */
    @Test
    void slowBodiesHoldPlacesNotThreadsAndHealthStillAnswers() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "slowrest");
        List<RawHttp> slow = new ArrayList<>();
        Thread dribble = null;
        try {
            // More than the request threads: each is refused (401) or shed (503) before its body has come.
            for (int i = 0; i < 220; i++) {
                RawHttp connection = RawHttp.open(port, "POST", "/oauth2/token",
                        "Content-Type: application/json\r\n".getBytes(StandardCharsets.ISO_8859_1), 1000);
                connection.write("{".getBytes(StandardCharsets.UTF_8));
                slow.add(connection);
            }
            // Kept coming, so that none reaches the container's read timeout while the node takes the rest in.
            dribble = dribble(slow, " ");
            Http.Response shed = awaitShed(http, member);
            assertThat(shed.status()).as("the places are held by the slow bodies: " + shed).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            long start = System.nanoTime();
            assertThat(http.get("/actuator/health/readiness", null).status()).as("health is never starved").isEqualTo(200);
            // Starved, it would wait for the slow connections to close (never, here); a loaded machine's seconds are not that.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            if (dribble != null) {
                dribble.interrupt();
            }
            slow.forEach(RawHttp::close);
        }
        assertServedAgain(http, member);
    }

    /**
     * docs/security.md rules 36 and 41: a body that does not arrive whole in time gives its place
     * back. 150 connections that sent their headers and then a byte a second, most with no token at
     * all, held every place of a node for as long as they liked; everyone else, a holder revoking
     * the sender included, was answered 503 (black-box finding, 2026-12-07). Now the one whose body
     * the API was waiting for is answered 408 in plain words, the others' connections (refused at
     * once, 401, and their bodies' rest read while they hold their places) are closed, and the node
     * serves again while they all go on sending.
     */
    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408AndItsPlaceIsGivenBack() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "slowbody");
        List<RawHttp> slow = new ArrayList<>();
        Thread dribble = null;
        try {
            for (int i = 0; i < LIMIT; i++) {
                String headers = "X-Forwarded-For: 203.0.113." + (10 + i) + "\r\nContent-Type: application/json\r\n"
                        + (i == 0 ? "Authorization: Bearer " + member.accessToken() + "\r\n" : "");
                RawHttp connection = RawHttp.open(port, "PATCH", "/api/v1/profile", headers.getBytes(StandardCharsets.ISO_8859_1), 100_000);
                connection.write("{".getBytes(StandardCharsets.UTF_8));
                slow.add(connection);
            }
            dribble = dribble(slow, " ");
            Http.Response full = awaitShed(http, member);
            assertThat(full.status()).as("every place is held by a slow body: " + full).isEqualTo(503);

            long start = System.nanoTime();
            RawHttp.Response late = slow.get(0).response();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(late.status()).as(late.toString()).isEqualTo(408);
            assertThat(late.header("Content-Type")).startsWith("application/problem+json");
            assertThat(late.body()).contains("The request's body took too long to arrive; nothing was changed.");
            assertThat(took).isLessThan(BODY_TIME_LIMIT.plusSeconds(3));
            assertServedAgain(http, member);
        } finally {
            if (dribble != null) {
                dribble.interrupt();
            }
            slow.forEach(RawHttp::close);
        }
    }

    /**
     * A form body (the token endpoint's, the sign-in form's) is bounded as a JSON body is: the container parsed it
     * itself, waiting for each byte up to its read timeout and never for a whole, so connections trickling one held
     * every place for as long as they liked, from addresses each under its cap, and the holder's revocation was
     * answered 503 all that while (black-box finding, round 9, 2026-12-07). Now 408 within the bound, and the places
     * are given back.
     */
    @Test
    void aFormBodyThatDoesNotArriveInTimeIsAnswered408AndItsPlaceIsGivenBack() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "slowform");
        List<RawHttp> slow = new ArrayList<>();
        Thread dribble = null;
        try {
            for (int i = 0; i < LIMIT; i++) {
                String path = i % 2 == 0 ? "/oauth2/token" : "/login";
                String headers = "X-Forwarded-For: 203.0.113." + (30 + i) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
                RawHttp connection = RawHttp.open(port, "POST", path, headers.getBytes(StandardCharsets.ISO_8859_1), 100_000);
                connection.write("grant_type=".getBytes(StandardCharsets.UTF_8));
                slow.add(connection);
            }
            dribble = dribble(slow, "a");
            Http.Response full = awaitShed(http, member);
            assertThat(full.status()).as("every place is held by a slow form: " + full).isEqualTo(503);

            long start = System.nanoTime();
            for (RawHttp connection : slow) {
                RawHttp.Response late = connection.response();
                assertThat(late.status()).as(late.toString()).isEqualTo(408);
                assertThat(late.body()).contains("The request's body took too long to arrive; nothing was changed.");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BODY_TIME_LIMIT.plusSeconds(3));
            assertServedAgain(http, member);
        } finally {
            if (dribble != null) {
                dribble.interrupt();
            }
            slow.forEach(RawHttp::close);
        }
    }

    /**
     * A body that stops coming is answered by the container once its read timeout passes, not by the API: that 408
     * was typed {@code invalid-request} and said "The request was refused.", and the helper's request was in the
     * holder's log as {@code api.request}, refused by a rule (black-box finding 15, 2026-12-07). Now it says what the
     * API's own 408 says (docs/api.md), and is recorded as bad input on its endpoint.
     */
    @Test
    void aBodyThatStopsComingIsAnswered408InPlainWordsAndRecordedOnItsEndpoint() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "stallhold");
        Member helper = Members.create(baseUrl(), "stallhelp");
        String token = org.behalf.testing.Delegations.delegationToken(http, org.behalf.testing.Delegations.activeGrant(http, holder,
                helper, List.of("contacts:write")), helper);
        RawHttp.Response late;
        try (RawHttp stalled = RawHttp.open(port, "POST", "/api/v1/contacts", ("Authorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n").getBytes(StandardCharsets.ISO_8859_1), 20)) {
            stalled.write("{\"nam".getBytes(StandardCharsets.UTF_8));
            late = stalled.response();
        }
        assertThat(late.status()).as(late.toString()).isEqualTo(408);
        JsonNode problem = Http.JSON.readTree(late.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://behalf.example/problems/request-timeout");
        assertThat(problem.path("detail").asString()).isEqualTo(BodyTooSlow.WORDS);
        JsonNode entry = http.get("/api/v1/activity?limit=1", holder.accessToken()).json().path("items").get(0);
        assertThat(entry.path("action").asString() + " " + entry.path("outcome").asString() + " " + entry.path("reason").asString())
                .as(entry.toString()).isEqualTo("contact.create error " + BodyTooSlow.WORDS);
    }

    /**
     * One client address holds at most its share of the places (docs/security.md rule 41): past it,
     * its next request is refused at once with 429, and everyone else is still served.
     */
    @Test
    void oneAddressHoldsAtMostItsShareOfThePlacesAndEveryoneElseIsServed() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "oneaddress");
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                RawHttp connection = RawHttp.open(port, "PATCH", "/api/v1/profile",
                        "X-Forwarded-For: 198.51.100.7\r\nContent-Type: application/json\r\n".getBytes(StandardCharsets.ISO_8859_1), 100);
                connection.write("{".getBytes(StandardCharsets.UTF_8));
                slow.add(connection);
                Thread.sleep(50);
            }
            for (RawHttp refused : slow.subList(PER_ADDRESS, LIMIT)) {
                RawHttp.Response answer = refused.response();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.body()).contains("Too many of your requests are in progress at once.");
            }
            Http.Response served = http.get("/api/v1/profile", member.accessToken());
            assertThat(served.status()).as("another client is served: " + served).isEqualTo(200);
            RawHttp.Response elsewhere = RawHttp.send(port, "GET", "/api/v1/profile", member.accessToken(), null,
                    "X-Forwarded-For: 198.51.100.8");
            assertThat(elsewhere.status()).as("and another address: " + elsewhere).isEqualTo(200);
        } finally {
            slow.forEach(RawHttp::close);
        }
        assertServedAgain(http, member);
    }

    /**
     * The node's answer once it has taken the slow requests in, which it does at the machine's pace (a fixed
     * wait was too short for 220 connections on a loaded machine): 503 as soon as they hold every place, or
     * what it last answered after 5 s, for the caller to assert.
     */
    private static Http.Response awaitShed(Http http, Member member) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Http.Response answer = http.get("/api/v1/profile", member.accessToken());
        while (answer.status() != 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = http.get("/api/v1/profile", member.accessToken());
        }
        return answer;
    }

    /** Served again once the burst is over, within a few seconds. */
    private static void assertServedAgain(Http http, Member member) throws InterruptedException {
        Http.Response after = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            after = http.get("/api/v1/profile", member.accessToken());
            if (after.status() != 503) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(after.status()).as("served again once the burst is over: " + after).isEqualTo(200);
    }

    /** Sends each connection one more byte every half second, as a slow client does, until interrupted. */
    private static Thread dribble(List<RawHttp> slow, String chunk) {
        Thread dribble = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (RawHttp connection : slow) {
                    try {
                        connection.write(chunk.getBytes(StandardCharsets.UTF_8));
                    } catch (RuntimeException closed) {
                        // answered and closed by the node
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        dribble.setDaemon(true);
        dribble.start();
        return dribble;
    }
}
