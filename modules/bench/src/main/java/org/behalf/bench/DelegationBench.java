package org.behalf.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.behalf.testing.Http;
import org.behalf.testing.Members;

/**
 * Token exchanges per second at 16 concurrent clients, and delegated {@code PATCH /api/v1/profile}
 * throughput against the same call made with the holder's own token, measured in one run (issue 4).
 */
final class DelegationBench implements Benchmark {

    private static final int WORKERS = 16;
    private static final List<String> SCOPES = List.of("profile:read", "profile:write");

    @Override
    public String describe() {
        return "token exchanges/s at 16 clients (target >= 1,500/s); delegated vs holder PATCH /api/v1/profile (target >= 80%)";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        Http http = new Http(target.baseUrl());
        Members.Member delegate = Members.create(target.baseUrl(), "benchd");
        List<Members.Member> holders = new ArrayList<>();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Members.Member holder = Members.create(target.baseUrl(), "benchh");
            holders.add(holder);
            grants.add(Clients.activeGrant(http, holder, delegate, SCOPES));
        }
        Load.Result exchanges = Load.run("token exchange", WORKERS, Duration.ofSeconds(10), Duration.ofSeconds(30), worker -> {
            HttpClient client = Clients.keepAlive();
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.encode(Clients.exchangeForm(grants.get(worker), delegate.accessToken()))))
                    .build();
            return () -> Clients.ok(client, request);
        });
        Load.Result own = patch(target, "PATCH /api/v1/profile (holder)", worker -> holders.get(worker).accessToken());
        Load.Result delegated = patch(target, "PATCH /api/v1/profile (delegate)", worker -> {
            Http.Response token = http.form("/oauth2/token", Clients.exchangeForm(grants.get(worker), delegate.accessToken()));
            return token.json().path("access_token").asString();
        });
        System.out.printf("delegated/holder throughput ratio: %.2f (target >= 0.80)%n", delegated.perSecond() / own.perSecond());
        return List.of(exchanges, own, delegated);
    }

    private interface TokenFor {
        String token(int worker);
    }

    private static Load.Result patch(Target target, String name, TokenFor tokens) throws Exception {
        return Load.run(name, WORKERS, Duration.ofSeconds(10), Duration.ofSeconds(30), worker -> {
            HttpClient client = Clients.keepAlive();
            String token = tokens.token(worker);
            int[] n = {0};
            return () -> Clients.ok(client, HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/profile"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"headline\":\"Headline " + (n[0]++) + "\"}")).build());
        });
    }
}
