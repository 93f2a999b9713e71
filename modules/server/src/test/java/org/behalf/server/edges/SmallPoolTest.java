package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md rule 41: with far more concurrent requests than the pool has connections, every
 * endpoint keeps answering, because no request holds one connection while it waits for another.
 * Userinfo and introspection did (the authorization store looked the client up on a second
 * connection while reading the first), and with 24 callers on 3 connections every request timed out.
 */
class SmallPoolTest extends ServerTest {

    private static final int CALLERS = 24;

    @DynamicPropertySource
    static void smallPool(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
        // A deadlocked pool times every request out whatever this is; 10 s keeps a slow, shared
        // machine (it once took over 3 s for 3 of 48 reads at a load average of 23) from failing it.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "10000");
        // The node trusts what it remembers of tokens for longer than the pool's wait, so that a token it has seen
        // is still taken as active while every connection is held (userinfoOfAGoodTokenThatFindsNoFreeConnection…).
        registry.add("behalf.identity.revocation-bound", () -> "30s");
    }

    @Autowired
    DataSource requestPool;

    /**
     * Readiness tells busy from down (docs/operations.md, "Running"): with every connection of the
     * request pool in use it still says ready, at once. It used to wait for a connection of that
     * pool, give up after the pool's wait and report the database down, so a load peak took every
     * busy node out of rotation (black-box finding, 2026-12-07). DatabaseAwayTest has the database
     * really gone, where readiness says 503.
     */
    @Test
    void withEveryConnectionInUseReadinessStillSaysReadyAtOnce() throws Exception {
        Http http = new Http(baseUrl());
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(requestPool.getConnection());
            }
            long start = System.nanoTime();
            Http.Response ready = http.get("/actuator/health/readiness", null);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            assertThat(ready.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
            // Not after the pool's 10-second wait; half of it leaves a loaded machine its seconds (2 s once failed at a load of 35).
            assertThat(took).as("answered at once, not after the pool's wait").isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    /**
     * Only the pool is exhausted, the database answering: the answer says the service is busy and
     * asks for a short wait, not that it could not reach its database, which is what an outage says
     * and what an operator would then look for (black-box finding, 2026-12-07).
     */
    @Test
    void aRequestThatFindsNoFreeConnectionIsToldTheServiceIsBusyNotThatTheDatabaseIsGone() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "poolbusy");
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(requestPool.getConnection());
            }
            Http.Response busy = http.get("/api/v1/profile", member.accessToken());
            assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.json().path("detail").asString()).startsWith("The service is busy right now")
                    .doesNotContain("database");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    /**
     * A good token at {@code /userinfo} whose authorization the node cannot read for want of a connection is told
     * the service is busy, never 401 "invalid, expired or revoked", which tells a client to throw a good token away
     * (docs/operations.md, "Running"). Spring's userinfo filter answered every failure of its look-up as a refused
     * request, and the challenge handler made that a 401 {@code invalid_token}: black-box finding, round 9,
     * 2026-12-07, a token used a few hundred times in a minute was refused so every dozen seconds while the pool was
     * busy. The token was checked once by the API, so the node remembers it as active; only its authorization,
     * which userinfo reads, needs the database.
     */
    @Test
    void userinfoOfAGoodTokenThatFindsNoFreeConnectionIsBusyNotInvalid() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "poolinfo", "openid profile:read");
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        List<Connection> held = new ArrayList<>();
        Http.Response busy;
        try {
            for (int i = 0; i < 3; i++) {
                held.add(requestPool.getConnection());
            }
            busy = http.get("/userinfo", member.accessToken());
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(busy.header("WWW-Authenticate")).as("no challenge: the token was not refused").isNull();
        assertThat(busy.json().path("detail").asString()).startsWith("The service is busy right now");
        Http.Response after = http.get("/userinfo", member.accessToken());
        assertThat(after.status()).as("the same token, once a connection is free: " + after).isEqualTo(200);
    }

    @Test
    void eightTimesMoreCallersThanConnectionsAreAllAnsweredOnEveryOAuthAndApiEndpoint() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "poolhold", "openid profile:read profile:write delegation:manage activity:read");
        Member helper = Members.create(baseUrl(), "poolhelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read", "profile:write"));
        String delegation = Delegations.delegationToken(http, grant, helper);
        Member integrator = Members.create(baseUrl(), "poolinteg");
        JsonNode client = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Pool app", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String basic = Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":"
                + client.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));

        Map<String, Supplier<Http.Response>> endpoints = Map.of(
                "userinfo", () -> http.get("/userinfo", holder.accessToken()),
                "introspection", () -> http.form("/oauth2/introspect", Map.of("token", holder.accessToken()), basic),
                "client credentials", () -> http.form("/oauth2/token", Map.of("grant_type", "client_credentials"), basic),
                "token exchange", () -> http.form("/oauth2/token", Delegations.exchangeForm(grant, helper.accessToken())),
                "holder's read", () -> http.get("/api/v1/profile", holder.accessToken()),
                "delegated write", () -> http.patch("/api/v1/profile", delegation, Map.of("headline", "busy")));
        for (Map.Entry<String, Supplier<Http.Response>> endpoint : endpoints.entrySet()) {
            List<Integer> statuses = all(endpoint.getValue());
            assertThat(statuses).as(endpoint.getKey() + " with " + CALLERS + " callers on 3 connections").containsOnly(200);
        }
    }

    private static List<Integer> all(Supplier<Http.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS * 2; i++) {
                calls.add(() -> call.get().status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                statuses.add(status.isCancelled() ? -1 : status.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
