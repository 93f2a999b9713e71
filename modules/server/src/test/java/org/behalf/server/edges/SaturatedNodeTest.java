package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/security.md rule 41: a node that is answering as many requests as it may sheds the next one
 * at once with 503 and {@code Retry-After}, keeps answering its health probes, and serves again as
 * soon as the burst is over. The burst here is the cheapest an attacker has: requests whose bodies
 * never finish arriving.
 */
class SaturatedNodeTest extends ServerTest {

    private static final int LIMIT = 4;

    @DynamicPropertySource
    static void smallLimit(DynamicPropertyRegistry registry) {
        registry.add("behalf.max-concurrent-requests", () -> Integer.toString(LIMIT));
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
            Thread.sleep(300);

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
        try {
            // More than the request threads: each is refused (401) or shed (503) before its body has come.
            for (int i = 0; i < 220; i++) {
                RawHttp connection = RawHttp.open(port, "POST", "/oauth2/token",
                        "Content-Type: application/json\r\n".getBytes(StandardCharsets.ISO_8859_1), 1000);
                connection.write("{".getBytes(StandardCharsets.UTF_8));
                slow.add(connection);
            }
            Thread.sleep(500);
            long start = System.nanoTime();
            assertThat(http.get("/actuator/health/readiness", null).status()).as("health is never starved").isEqualTo(200);
            Http.Response shed = http.get("/api/v1/profile", member.accessToken());
            assertThat(shed.status()).as("the places are held by the slow bodies: " + shed).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            slow.forEach(RawHttp::close);
        }
        assertServedAgain(http, member);
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
}
