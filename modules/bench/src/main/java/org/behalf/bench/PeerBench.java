package org.behalf.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import tools.jackson.databind.JsonNode;

/**
 * Behalf beside Keycloak 26 on the same machine (issue 16 item 4): each OAuth endpoint both serve,
 * driven by the same load generator at 16 and 64 connections, in alternating slices (Keycloak,
 * Behalf, Behalf, Keycloak, ...) so that the machine's drifts fall on both alike; then Behalf's
 * holder and delegated {@code PATCH /api/v1/profile} the same way. Prints one table with the ratios.
 * The Keycloak server is started by {@code scripts/bench peer}, which passes {@code --keycloak URL}.
 *
 * <p>Tokens that requests carry are taken afresh for each endpoint and connection count, so that
 * none expires during a run (Behalf's access tokens live 10 minutes).
 */
final class PeerBench implements Benchmark {

    private static final int[] CONNECTIONS = {16, 64};

    @Override
    public String describe() {
        return "Behalf against Keycloak 26 (start-dev, JDK 25) on this machine, 16 and 64 connections "
                + "(targets: client credentials >= 3x, token exchange >= 2.5x, introspection and userinfo >= 2x; "
                + "delegated/holder PATCH >= 0.85); on request only, --quick for a short run, "
                + "--only 'token exchange,PATCH' for some rows";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        String keycloakUrl = target.option("keycloak", null);
        if (keycloakUrl == null) {
            throw new IllegalArgumentException("the peer benchmark needs --keycloak URL (scripts/bench peer starts one)");
        }
        Duration warmUp = Duration.ofSeconds(target.quick() ? 3 : 15);
        Duration slice = Duration.ofSeconds(target.quick() ? 3 : 5);
        int rounds = target.quick() ? 2 : 4;

        Keycloak keycloak = Keycloak.configure(keycloakUrl, target.option("keycloak-admin", "admin"),
                target.option("keycloak-password", "admin"));
        keycloak.check();
        BehalfSide behalf = new BehalfSide(target.baseUrl());
        behalf.check();

        // Some rows only, for looking into one endpoint without the whole run's quarter of an hour.
        String rowsAsked = target.option("only", null);
        List<String> only = rowsAsked == null ? null : List.of(rowsAsked.split("\\s*,\\s*"));
        List<Row> rows = new ArrayList<>();
        List<Load.Result> results = new ArrayList<>();
        for (String endpoint : List.of("client credentials", "token exchange", "introspection", "userinfo", "JWKS")) {
            if (only != null && !only.contains(endpoint)) {
                continue;
            }
            Row row = new Row(endpoint, new Load.Result[CONNECTIONS.length][]);
            for (int c = 0; c < CONNECTIONS.length; c++) {
                int connections = CONNECTIONS[c];
                List<Load.Result> pair = Load.alternate(List.of("Keycloak " + endpoint, "Behalf " + endpoint), connections,
                        warmUp, slice, rounds, List.of(keycloakRequest(endpoint, keycloak, keycloakUrl),
                                behalf.request(endpoint)));
                pair.forEach(System.out::println);
                row.results()[c] = pair.toArray(Load.Result[]::new);
                results.addAll(pair);
            }
            rows.add(row);
        }
        boolean patch = only == null || only.contains("PATCH");
        double[] patchRatios = new double[patch ? CONNECTIONS.length : 0];
        Load.Result[][] patches = new Load.Result[patchRatios.length][];
        for (int c = 0; c < patchRatios.length; c++) {
            List<Load.Result> pair = Load.alternate(List.of("PATCH /api/v1/profile (holder)", "PATCH /api/v1/profile (delegate)"),
                    CONNECTIONS[c], warmUp, slice, rounds, List.of(behalf.patch(false), behalf.patch(true)));
            pair.forEach(System.out::println);
            patches[c] = pair.toArray(Load.Result[]::new);
            patchRatios[c] = pair.get(1).perSecond() / pair.get(0).perSecond();
            results.addAll(pair);
        }
        print(rows, patches, patchRatios, warmUp, slice, rounds);
        return results;
    }

    private static void print(List<Row> rows, Load.Result[][] patches, double[] patchRatios, Duration warmUp, Duration slice,
                              int rounds) {
        System.out.println();
        // The slowest request is printed beside the percentiles: a stall (issue 16) hides below the p99.
        System.out.printf("Behalf against Keycloak, requests/s (Behalf's p50 / p99 / max in ms); %d s warm-up each, %d slices of %d s each%n",
                warmUp.toSeconds(), rounds, slice.toSeconds());
        System.out.println();
        System.out.println("| endpoint | Keycloak @16 | Behalf @16 | ratio | Keycloak @64 | Behalf @64 | ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row.endpoint()).append(" |");
            for (Load.Result[] pair : row.results()) {
                Load.Result keycloak = pair[0];
                Load.Result behalf = pair[1];
                line.append(String.format(" %,.0f%s | %,.0f (%.1f / %.1f / %,.0f)%s | %.2f |", keycloak.perSecond(), failures(keycloak),
                        behalf.perSecond(), behalf.p50Millis(), behalf.p99Millis(), behalf.maxMillis(), failures(behalf),
                        behalf.perSecond() / keycloak.perSecond()));
            }
            System.out.println(line);
        }
        if (patches.length == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("| holder / delegated `PATCH /api/v1/profile` |");
        for (int c = 0; c < patches.length; c++) {
            line.append(String.format(" — | %,.0f / %,.0f (p99 %.1f / %.1f, max %,.0f / %,.0f)%s | %.2f |", patches[c][0].perSecond(),
                    patches[c][1].perSecond(), patches[c][0].p99Millis(), patches[c][1].p99Millis(), patches[c][0].maxMillis(),
                    patches[c][1].maxMillis(),
                    failures(patches[c][0].failures() + patches[c][1].failures()), patchRatios[c]));
        }
        System.out.println(line);
    }

    private static String failures(Load.Result result) {
        return failures(result.failures());
    }

    private static String failures(long failures) {
        return failures == 0 ? "" : String.format(" [%d failed]", failures);
    }

    private static Load.RequestFactory keycloakRequest(String endpoint, Keycloak keycloak, String url) {
        String basic = "Basic " + keycloak.basic();
        return switch (endpoint) {
            case "client credentials" -> post(url, keycloak.tokenPath(), basic, () -> "grant_type=client_credentials");
            case "token exchange" -> {
                String user = keycloak.userToken();
                yield post(url, keycloak.tokenPath(), basic, () -> Http.encode(Keycloak.exchangeForm(user)));
            }
            case "introspection" -> {
                String token = keycloak.clientToken();
                yield post(url, keycloak.introspectionPath(), basic, () -> "token=" + token);
            }
            case "userinfo" -> get(url, keycloak.userinfoPath(), "Bearer " + keycloak.userToken());
            case "JWKS" -> get(url, keycloak.jwksPath(), null);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static Load.RequestFactory post(String url, String path, String authorization, Supplier<String> body) {
        String form = body.get();
        return worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(url);
            byte[] request = connection.request("POST", path, "application/x-www-form-urlencoded", authorization, form);
            return () -> connection.ok(request);
        };
    }

    private static Load.RequestFactory get(String url, String path, String authorization) {
        return worker -> {
            KeepAliveConnection connection = new KeepAliveConnection(url);
            byte[] request = connection.request("GET", path, null, authorization, null);
            return () -> connection.ok(request);
        };
    }

    private record Row(String endpoint, Load.Result[][] results) {
    }

    /** Behalf's side: a client-credentials client, a holder signed in with openid, a delegate and their grant. */
    private static final class BehalfSide {

        private static final String HOLDER_SCOPES = "openid profile:read profile:write delegation:manage";

        private final String base;
        private final Http http;
        private final String basic;
        private final Members.Member holder;
        private final Members.Member delegate;
        private final String grant;

        BehalfSide(String base) {
            this.base = base;
            this.http = new Http(base);
            JsonNode client = Clients.registerClient(base, List.of("profile:read"));
            this.basic = Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":"
                    + client.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
            this.holder = Members.create(base, "peerh", HOLDER_SCOPES);
            this.delegate = Members.create(base, "peerd");
            this.grant = Delegations.activeGrant(http, holder, delegate, List.of("profile:read", "profile:write"));
        }

        void check() {
            JsonNode introspected = http.form("/oauth2/introspect", Map.of("token", clientToken()), basic).json();
            if (!introspected.path("active").asBoolean()) {
                throw new IllegalStateException("Behalf introspection says inactive: " + introspected);
            }
            for (Http.Response response : List.of(http.get("/userinfo", holderToken()), http.get("/oauth2/jwks", null),
                    http.form("/oauth2/token", Delegations.exchangeForm(grant, delegateToken())))) {
                if (response.status() != 200) {
                    throw new IllegalStateException("Behalf: " + response);
                }
            }
        }

        Load.RequestFactory request(String endpoint) {
            String authorization = "Basic " + basic;
            return switch (endpoint) {
                case "client credentials" -> post(base, "/oauth2/token", authorization,
                        () -> "grant_type=client_credentials&scope=profile%3Aread");
                case "token exchange" -> {
                    String actor = delegateToken();
                    yield post(base, "/oauth2/token", null, () -> Http.encode(Delegations.exchangeForm(grant, actor)));
                }
                case "introspection" -> {
                    String token = clientToken();
                    yield post(base, "/oauth2/introspect", authorization, () -> "token=" + token);
                }
                case "userinfo" -> get(base, "/userinfo", "Bearer " + holderToken());
                case "JWKS" -> get(base, "/oauth2/jwks", null);
                default -> throw new IllegalArgumentException(endpoint);
            };
        }

        /** PATCH /api/v1/profile of the holder, with the holder's own token or a delegation token of the grant. */
        Load.RequestFactory patch(boolean delegated) {
            String token = delegated ? Delegations.delegationToken(http, grant, new Members.Member(delegate.id(),
                    delegate.handle(), delegate.email(), delegate.password(), delegateToken(), null)) : holderToken();
            return worker -> {
                KeepAliveConnection connection = new KeepAliveConnection(base);
                int[] n = {0};
                return () -> connection.ok(connection.request("PATCH", "/api/v1/profile", "application/json", "Bearer " + token,
                        "{\"headline\":\"Headline " + worker + "-" + (n[0]++) + "\"}"));
            };
        }

        private String clientToken() {
            return http.form("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "profile:read"), basic)
                    .json().path("access_token").asString();
        }

        private String holderToken() {
            return Members.signIn(base, holder.handle(), holder.password(), HOLDER_SCOPES).path("access_token").asString();
        }

        private String delegateToken() {
            return Members.signIn(base, delegate.handle(), delegate.password(), Members.MEMBER_SCOPES)
                    .path("access_token").asString();
        }
    }
}
