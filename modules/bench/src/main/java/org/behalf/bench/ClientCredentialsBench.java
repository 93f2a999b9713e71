package org.behalf.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Client-credentials tokens per second with 16 concurrent keep-alive clients (issue 3). */
final class ClientCredentialsBench implements Benchmark {

    @Override
    public String describe() {
        return "client-credentials tokens/s and p99, 16 keep-alive clients (target >= 2,300/s, p99 < 20 ms)";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        JsonNode client = Clients.registerClient(target.baseUrl(), List.of("profile:read"));
        String basic = Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":"
                + client.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=profile%3Aread")).build();
        return List.of(Load.run("client_credentials token", 16, Duration.ofSeconds(10), Duration.ofSeconds(30), worker -> {
            HttpClient http = Clients.keepAlive();
            return () -> Clients.ok(http, request);
        }));
    }
}
