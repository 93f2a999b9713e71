package org.behalf.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19: deliveries never slow the request that caused them (docs/security.md rule 42). A delegated
 * {@code PATCH /api/v1/profile} of holders no subscription hears, against the same call of holders
 * whose every change goes to 5 active webhook subscriptions (a receiver in this JVM answering 204),
 * in alternating slices so that a drift of this shared machine falls on both alike. Target: at most
 * 5 % fewer requests per second with the subscriptions.
 *
 * <p>It also counts what the receiver got: deliveries per second while the load ran (from its first
 * warm-up request to its last slice), and per second over {@link #DRAIN} after it stopped, when the
 * delivery worker no longer competes with requests for the cores and the database (issue 19,
 * "deliveries within 5 s").
 */
final class WebhookBench implements Benchmark {

    private static final int WORKERS = 8;
    private static final int SUBSCRIPTIONS = 5;
    private static final String CALLBACK = "http://127.0.0.1:9/callback";
    /** How long deliveries are counted after the load stopped (bounded: the backlog may be larger). */
    private static final Duration DRAIN = Duration.ofSeconds(15);

    @Override
    public String describe() {
        return "delegated PATCH /api/v1/profile with 5 webhook subscriptions vs none (target <= 5% slower)";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        Http http = new Http(target.baseUrl());
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(8);
        receiver.setExecutor(threads);
        receiver.start();
        try {
            Members.Member integrator = Members.create(target.baseUrl(), "benchi");
            JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Bench CRM",
                    "redirectUris", List.of(CALLBACK), "scopes", List.of("profile:read"))).json();
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                Http.Response created = http.post("/api/v1/webhooks", integrator.accessToken(), Map.of("clientId",
                        app.path("clientId").asString(), "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + i,
                        "events", List.of("profile.updated")));
                if (created.status() != 201) {
                    throw new IllegalStateException("subscription not created: " + created);
                }
            }
            Members.Member delegate = Members.create(target.baseUrl(), "benchd");
            List<String> quiet = new ArrayList<>();
            List<String> heard = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                Members.Member unheard = Members.create(target.baseUrl(), "benchq");
                quiet.add(Delegations.activeGrant(http, unheard, delegate, List.of("profile:write")));
                Members.Member user = Members.create(target.baseUrl(), "benchu");
                Members.appTokens(target.baseUrl(), app, CALLBACK, user, "profile:read");
                heard.add(Delegations.activeGrant(http, user, delegate, List.of("profile:write")));
            }
            long loadStarted = System.nanoTime();
            long receivedBefore = received.get();
            List<Load.Result> patches = Load.alternate(List.of("delegated PATCH, no subscription", "delegated PATCH, 5 subscriptions"),
                    WORKERS, Duration.ofSeconds(5), Duration.ofSeconds(5), 4, List.of(
                            patch(target, http, quiet, delegate), patch(target, http, heard, delegate)));
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            long duringLoad = received.get() - receivedBefore;
            double slower = 1 - patches.get(1).perSecond() / patches.get(0).perSecond();
            System.out.printf("with 5 subscriptions: %.1f%% fewer requests/s (target <= 5%%); %d deliveries received in %.1f s of load "
                    + "(%.1f/s)%n", slower * 100, duringLoad, loadSeconds, duringLoad / loadSeconds);
            long drainFrom = received.get();
            Thread.sleep(DRAIN.toMillis());
            long drained = received.get() - drainFrom;
            System.out.printf("after the load: %d deliveries received in %d s (%.1f/s)%n", drained, DRAIN.toSeconds(),
                    drained / (double) DRAIN.toSeconds());
            return patches;
        } finally {
            receiver.stop(0);
            threads.shutdownNow(); // its threads would keep this JVM alive
        }
    }

    private static Load.RequestFactory patch(Target target, Http http, List<String> grants, Members.Member delegate) {
        return worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(target.baseUrl());
            String token = Delegations.delegationToken(http, grants.get(worker), delegate);
            int[] n = {0};
            return () -> connection.ok(connection.request("PATCH", "/api/v1/profile", "application/json", "Bearer " + token,
                    "{\"headline\":\"Headline " + (n[0]++) + "\"}"));
        };
    }
}
