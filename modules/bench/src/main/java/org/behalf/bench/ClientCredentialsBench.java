package org.behalf.bench;

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
        String form = "grant_type=client_credentials&scope=profile%3Aread";
        return List.of(Load.run("client_credentials token", 16, Duration.ofSeconds(10), Duration.ofSeconds(30), worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(target.baseUrl());
            byte[] request = connection.request("POST", "/oauth2/token", "application/x-www-form-urlencoded", "Basic " + basic, form);
            return () -> connection.ok(request);
        }));
    }
}
