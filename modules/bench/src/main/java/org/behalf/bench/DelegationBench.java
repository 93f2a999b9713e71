package org.behalf.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.behalf.testing.Delegations;
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
            grants.add(Delegations.activeGrant(http, holder, delegate, SCOPES));
        }
        Load.Result exchanges = Load.run("token exchange", WORKERS, Duration.ofSeconds(10), Duration.ofSeconds(30), worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(target.baseUrl());
            byte[] request = connection.request("POST", "/oauth2/token", "application/x-www-form-urlencoded", null,
                    Http.encode(Delegations.exchangeForm(grants.get(worker), delegate.accessToken())));
            return () -> connection.ok(request);
        });
        // The two PATCH kinds alternate in slices, so that a drift of this shared machine cannot favour either.
        List<Load.Result> patches = Load.alternate(List.of("PATCH /api/v1/profile (holder)", "PATCH /api/v1/profile (delegate)"),
                WORKERS, Duration.ofSeconds(30), Duration.ofSeconds(5), 8, List.of(
                        patch(target, worker -> holders.get(worker).accessToken()),
                        patch(target, worker -> http.form("/oauth2/token", Delegations.exchangeForm(grants.get(worker),
                                delegate.accessToken())).json().path("access_token").asString())));
        System.out.printf("delegated/holder throughput ratio: %.2f (target >= 0.80)%n",
                patches.get(1).perSecond() / patches.get(0).perSecond());
        return List.of(exchanges, patches.get(0), patches.get(1));
    }

    private interface TokenFor {
        String token(int worker);
    }

    private static Load.RequestFactory patch(Target target, TokenFor tokens) {
        return worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(target.baseUrl());
            String token = tokens.token(worker);
            int[] n = {0};
            return () -> connection.ok(connection.request("PATCH", "/api/v1/profile", "application/json", "Bearer " + token,
                    "{\"headline\":\"Headline " + (n[0]++) + "\"}"));
        };
    }
}
