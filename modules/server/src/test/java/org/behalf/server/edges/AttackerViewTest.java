package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * An attacker's scripts against every endpoint of the resource API and of the Shared Signals
 * receivers under {@code /ssf/} (docs/security.md rules 31 and 35): with a delegate's and an app's
 * token, each endpoint under every spelling of its path and with hostile headers, sent byte for byte. The invariant: no effect without exactly one entry.
 * A request is either refused before anything runs (400, nothing recorded) or recorded once, in the
 * log of the account it acted on, whatever it was answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackerViewTest extends ServerTest {

    private static final String CALLBACK = "https://app.example/cb";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private JdbcTemplate jdbc;

    private Http http;
    private Member holder;
    private Member appUser;
    private String delegateToken;
    private String appToken;

    @BeforeAll
    void callers() {
        http = new Http(baseUrl());
        holder = Members.create(baseUrl(), "edgehold");
        Member helper = Members.create(baseUrl(), "edgehelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read", "profile:write"));
        delegateToken = Delegations.delegationToken(http, grant, helper);
        Member integrator = Members.create(baseUrl(), "edgeinteg");
        appUser = Members.create(baseUrl(), "edgeappu");
        Http.Response registered = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Edge app",
                "scopes", List.of("profile:read", "profile:write"), "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of(CALLBACK)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        appToken = Members.appTokens(baseUrl(), registered.json(), CALLBACK, appUser, "profile:read profile:write")
                .path("access_token").asString();
    }

    @Test
    void everyEndpointUnderEverySpellingIsRefusedBeforeItRunsOrRecordedExactlyOnce() {
        String headline = profileHeadline();
        List<String> broken = new ArrayList<>();
        int refusedUnrecorded = 0;
        int recorded = 0;
        for (Endpoint endpoint : endpoints()) {
            for (String variant : variants(endpoint.path())) {
                for (boolean byApp : new boolean[] {false, true}) {
                    String account = byApp ? appUser.id() : holder.id();
                    long before = entries(account);
                    RawHttp.Response answer = RawHttp.send(port, endpoint.method(), variant, byApp ? appToken : delegateToken,
                            endpoint.body());
                    long added = entries(account) - before;
                    String what = endpoint.method() + " " + variant + (byApp ? " (app)" : " (delegate)") + " -> " + answer.status()
                            + ", " + added + " entries";
                    if (answer.status() < 400 || answer.status() >= 500) {
                        broken.add(what + ": a variant of a path is no endpoint, so it may not succeed nor fail inside");
                    } else if (added == 0 && answer.status() == 400) {
                        refusedUnrecorded++;
                    } else if (added == 1) {
                        recorded++;
                    } else {
                        broken.add(what);
                    }
                }
            }
        }
        assertThat(broken).as("requests with an effect or an answer but not exactly one entry").isEmpty();
        assertThat(refusedUnrecorded).as("refused before anything ran").isGreaterThan(100);
        assertThat(recorded).as("recorded as denied (a trailing slash, another case after /api/)").isGreaterThan(50);
        assertThat(profileHeadline()).as("no variant changed the profile").isEqualTo(headline);
    }

    @Test
    void theCanonicalPathOfEveryEndpointIsRecordedExactlyOnceForADelegateAndAnApp() {
        List<String> broken = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.path().equals("/api/v1/profile") && endpoint.method().equals("PATCH")) {
                continue; // changes the profile the variants test compares; recorded like every other (DelegationTest)
            }
            for (boolean byApp : new boolean[] {false, true}) {
                String account = byApp ? appUser.id() : holder.id();
                long before = entries(account);
                RawHttp.Response answer = RawHttp.send(port, endpoint.method(), endpoint.path(), byApp ? appToken : delegateToken,
                        endpoint.body());
                long added = entries(account) - before;
                if (added != 1 || answer.status() >= 500) {
                    broken.add(endpoint.method() + " " + endpoint.path() + (byApp ? " (app)" : " (delegate)") + " -> "
                            + answer.status() + ", " + added + " entries");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /**
     * docs/security.md rules 29, 34 and 40: headers a caller chooses never choose the address nor
     * break the entry; a User-Agent that cannot be stored as sent is refused, and the refusal
     * recorded; one sent in UTF-8 is recorded as the text it spells (it was recorded as "cafÃ©", and
     * a line separator's bytes read as a control character and refused).
     */
    @Test
    void hostileHeadersNeverChooseTheAddressAndAnUnstorableUserAgentIsRefusedAndRecorded() {
        List<String[]> hostile = List.of(
                new String[] {"User-Agent: x\u0085y"},
                new String[] {"User-Agent: caf\u00e9/1.0 x\u2028y"},
                new String[] {"User-Agent: " + "a".repeat(4_000)},
                new String[] {"X-Behalf-Browser-Address: 10.9.8.7"},
                new String[] {"X-Forwarded-For: 10.9.8.7", "Forwarded: for=10.9.8.7", "X-Real-IP: 10.9.8.7"});
        for (String[] headers : hostile) {
            for (boolean byApp : new boolean[] {false, true}) {
                Member account = byApp ? appUser : holder;
                long before = entries(account.id());
                RawHttp.Response answer = RawHttp.send(port, "GET", "/api/v1/profile", byApp ? appToken : delegateToken, null, headers);
                boolean control = headers[0].startsWith("User-Agent: x");
                assertThat(answer.status()).as(headers[0].substring(0, Math.min(40, headers[0].length())) + " " + answer.body())
                        .isEqualTo(control ? 400 : 200);
                assertThat(entries(account.id()) - before).isEqualTo(1);
                JsonNode entry = RecordedRequests.entry(http, account, answer.header("X-Request-Id"));
                assertThat(entry.path("ip").asString()).as("the connection's address").isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
                String agent = entry.path("userAgent").isNull() ? null : entry.path("userAgent").asString();
                // A header that cannot be stored is bad input on the endpoint it was sent to (docs/activity-log.md).
                assertThat(entry.path("action").asString() + " " + entry.path("outcome").asString())
                        .isEqualTo("profile.read " + (control ? "error" : "success"));
                if (control) {
                    // The header as the UTF-8 it is, its control character shown as U+FFFD.
                    assertThat(agent).isEqualTo("x\uFFFDy");
                    assertThat(Http.JSON.readTree(answer.body()).path("detail").asString()).contains("User-Agent");
                } else if (headers[0].startsWith("User-Agent: caf")) {
                    assertThat(agent).isEqualTo("caf\u00e9/1.0 x\u2028y");
                } else if (headers[0].startsWith("User-Agent: a")) {
                    assertThat(agent).hasSize(512);
                }
            }
        }
    }

    private String profileHeadline() {
        return http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
    }

    private long entries(String account) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE account_id = ?", Long.class, account);
    }

    record Endpoint(String method, String path, String body) {
    }

    /** Every resource API and {@code /ssf/} endpoint the running application maps, its path variables filled with an id nobody has. */
    private List<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/ssf/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "zz0unknown");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    boolean body = method == RequestMethod.POST || method == RequestMethod.PATCH || method == RequestMethod.PUT;
                    String json = !body ? null : path.equals("/api/v1/profile") ? "{\"headline\":\"changed by a variant\"}" : "{}";
                    endpoints.add(new Endpoint(method.name(), path, json));
                }
            }
        });
        assertThat(endpoints).as("the enumeration found the API").hasSizeGreaterThan(40);
        return List.copyOf(endpoints);
    }

    /** The spellings an attacker tries: encoded letters in each segment, doubled slashes, dot segments, parameters, case, slashes. */
    static List<String> variants(String path) {
        String[] segments = path.substring(1).split("/");
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String[] encoded = segments.clone();
            encoded[i] = String.format("%%%02X", (int) segments[i].charAt(0)) + segments[i].substring(1);
            variants.add(join(encoded));
        }
        String[] lowerHex = segments.clone();
        lowerHex[0] = String.format("%%%02x", (int) segments[0].charAt(0)) + segments[0].substring(1);
        variants.add(join(lowerHex));
        int last = path.lastIndexOf('/');
        variants.add("/" + path);
        variants.add(path.substring(0, last) + "/" + path.substring(last));
        variants.add(path.substring(0, last) + "/." + path.substring(last));
        String prefix = "/" + segments[0];
        String rest = path.substring(prefix.length());
        variants.add(prefix + "/zz/.." + rest);
        variants.add(prefix + ";x=1" + rest);
        variants.add(path + ";jsessionid=1");
        variants.add(path.toUpperCase(Locale.ROOT));
        variants.add("/" + Character.toUpperCase(segments[0].charAt(0)) + segments[0].substring(1) + rest);
        if (path.startsWith("/api/v1/")) {
            variants.add("/api/v1/%2e%2e/v1" + path.substring(7));
            variants.add("/api/V1" + path.substring(7));
        }
        variants.add(path + "/");
        variants.add(path.substring(0, last) + "%2F" + path.substring(last + 1));
        variants.add(path.substring(0, last) + "%5C" + path.substring(last + 1));
        return variants;
    }

    private static String join(String[] segments) {
        return "/" + String.join("/", segments);
    }
}
