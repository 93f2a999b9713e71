package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
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
