package org.behalf.server.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.behalf.testing.SecurityEventTokens.CLAIMS_CHANGE;
import static org.behalf.testing.SecurityEventTokens.PUSH;
import static org.behalf.testing.SecurityEventTokens.SESSION_REVOKED;
import static org.behalf.testing.SecurityEventTokens.member;
import static org.behalf.testing.SecurityEventTokens.ofType;
import static org.behalf.testing.SecurityEventTokens.verified;
import static org.behalf.testing.Waiting.await;
import static org.behalf.testing.Waiting.sleep;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.behalf.server.ServerTest;
import org.behalf.server.edges.RecordedRequests;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Shared Signals transmitter (DESIGN.md section 6, docs/security.md rule 42) as journeys across
 * modules: SETs caused by real grants, a closed account and a withdrawn consent, received by
 * WireMock and verified with Nimbus against the keys the server publishes at {@code /oauth2/jwks}
 * (identity's platform key), independently of the server's signer; the metadata's issuer as OAuth
 * discovery's; and the enforcement of the receiver's endpoints, which take only a token its client
 * got for itself by client credentials (asked for with the JDK's own HTTP client), with refusals and
 * probes in the activity log. They stay here because they need identity, the delegation and the
 * enforcement; what the events module does with a published event or a stream request (the claims
 * of each SET, paused and disabled streams, the signal lane, bad input, another owner's stream) is
 * tested in {@code modules/events} ({@code SecurityEventDeliveryTest}, {@code StreamManagementTest}).
 */
class SharedSignalsTest extends ServerTest {

    private static final String REDIRECT = "http://127.0.0.1:9/cb";
    private static final String STREAMS = "/ssf/streams";
    private static final String OWNER_STREAMS = "/api/v1/ssf/stream";

    private static WireMockServer receiver;

    private Http http;
    private Members.Member integrator;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void integrator() {
        http = new Http(baseUrl());
        integrator = Members.create(baseUrl(), "ssfi");
    }

    /**
     * The metadata's issuer is the authorization server's, and its {@code jwks_uri} holds the keys the
     * SETs verify against (identity's); it is public and read-only behind the server's security chain.
     * Its other fields are the events module's (SecurityEventDeliveryTest).
     */
    @Test
    void theMetadataIsTheAuthorizationServersAndReadOnly() {
        Http.Response metadata = http.get("/.well-known/ssf-configuration", null);
        assertThat(metadata.status()).isEqualTo(200);
        String issuer = metadata.json().path("issuer").asString();
        assertThat(issuer).isEqualTo(http.get("/.well-known/openid-configuration", null).json().path("issuer").asString());
        assertThat(metadata.json().path("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(http.get("/oauth2/jwks", null).json().path("keys")).isNotEmpty();
        assertThat(http.post("/.well-known/ssf-configuration", null, Map.of()).status()).isIn(403, 405);
    }

    @Test
    void theAppsStreamHearsOfANarrowedAndARevokedGrantAndNoOtherStreamDoes() throws Exception {
        JsonNode app = app("Assistant");
        JsonNode other = app("Holder's CRM");
        String path = stub(202);
        String otherPath = stub(202);
        stream(app, path, List.of(SESSION_REVOKED, CLAIMS_CHANGE));
        stream(other, otherPath, List.of(SESSION_REVOKED, CLAIMS_CHANGE));

        Members.Member holder = Members.create(baseUrl(), "ssfh");
        Members.Member delegate = Members.create(baseUrl(), "ssfd");
        // The delegate uses the app (so it can hold delegation tokens of the grant); the holder uses the other one.
        Members.appTokens(baseUrl(), app, REDIRECT, delegate, "profile:read");
        Members.appTokens(baseUrl(), other, REDIRECT, holder, "profile:read");
        String grant = Delegations.activeGrant(http, holder, delegate, List.of("profile:read", "profile:write"));
        assertThat(http.patch("/api/v1/delegations/" + grant, holder.accessToken(), Map.of("scopes", List.of("profile:read"))).status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);

        List<LoggedRequest> received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 2);
        JWKSet keys = JWKSet.parse(http.get("/oauth2/jwks", null).body());
        String issuer = http.get("/.well-known/ssf-configuration", null).json().path("issuer").asString();
        List<JWTClaimsSet> sets = new ArrayList<>();
        for (LoggedRequest request : received) {
            assertThat(request.getHeader("Content-Type")).startsWith("application/secevent+jwt");
            assertThat(request.getHeader("Authorization")).isNull();
            sets.add(verified(request.getBodyAsString(), keys, app.path("clientId").asString(), issuer));
            // One audience is sent as a string (RFC 7519 section 4.1.3 allows either), as docs/integrators.md shows it.
            assertThat(Members.claims(request.getBodyAsString()).path("aud").isString()).isTrue();
            assertThat(Members.claims(request.getBodyAsString()).path("aud").asString()).isEqualTo(app.path("clientId").asString());
        }
        // The grant's real ids and its narrowed scopes, as the delegation published them; the rest of
        // each SET's claims and the delivery log are the events module's (SecurityEventDeliveryTest).
        ofType(sets, SESSION_REVOKED);
        JWTClaimsSet narrowed = ofType(sets, CLAIMS_CHANGE);
        for (JWTClaimsSet set : sets) {
            Map<String, Object> subject = set.getJSONObjectClaim("sub_id");
            assertThat(member(subject, "user")).isEqualTo(Map.of("format", "iss_sub", "iss", issuer, "sub", holder.id()));
            assertThat(member(subject, "delegate")).isEqualTo(Map.of("format", "iss_sub", "iss", issuer, "sub", delegate.id()));
            assertThat(member(subject, "session")).isEqualTo(Map.of("format", "opaque", "id", grant));
        }
        Map<String, Object> change = member(narrowed.getJSONObjectClaim("events"), CLAIMS_CHANGE);
        assertThat(member(change, "claims").get("scope")).isEqualTo("profile:read");

        sleep(500); // long enough for a wrongly addressed SET to have been sent as well
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(otherPath)))).isEmpty();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);
    }

    @Test
    void closingTheHoldersAccountEndsTheGrantAndTheAppsStreamHearsSessionRevoked() {
        JsonNode app = app("Assistant");
        String path = stub(202);
        stream(app, path, List.of(SESSION_REVOKED));
        Members.Member holder = Members.create(baseUrl(), "ssfh");
        Members.Member delegate = Members.create(baseUrl(), "ssfd");
        Members.appTokens(baseUrl(), app, REDIRECT, delegate, "profile:read");
        String grant = Delegations.activeGrant(http, holder, delegate, List.of("profile:read"));

        assertThat(http.post("/api/v1/account/close", holder.accessToken(), Map.of("password", holder.password())).status()).isEqualTo(204);
        JsonNode set = Members.claims(await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0).getBodyAsString());
        assertThat(set.path("events").has(SESSION_REVOKED)).isTrue();
        assertThat(set.path("sub_id").path("session").path("id").asString()).isEqualTo(grant);
        assertThat(set.path("sub_id").path("user").path("sub").asString()).isEqualTo(holder.id());
    }

    /**
     * DESIGN.md section 6: "an app's consent is withdrawn". The app's stream hears a
     * {@code session-revoked} about the member (no grant is involved), addressed to that app; the
     * stream of another app the member also uses hears nothing.
     */
    @Test
    void withdrawingConsentTellsThatAppsStreamSessionRevokedAboutTheMemberAndNoOtherStream() throws Exception {
        JsonNode app = app("Calendar Helper");
        JsonNode other = app("Mail Merge");
        String path = stub(202);
        String otherPath = stub(202);
        stream(app, path, List.of(SESSION_REVOKED));
        stream(other, otherPath, List.of(SESSION_REVOKED));
        Members.Member member = Members.create(baseUrl(), "ssfm");
        Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read");
        Members.appTokens(baseUrl(), other, REDIRECT, member, "profile:read");

        assertThat(http.delete("/api/v1/apps/authorized/" + app.path("clientId").asString(), member.accessToken()).status())
                .isEqualTo(204);

        LoggedRequest received = await(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), 1).get(0);
        assertThat(received.getHeader("Content-Type")).startsWith("application/secevent+jwt");
        String issuer = http.get("/.well-known/ssf-configuration", null).json().path("issuer").asString();
        JWTClaimsSet set = verified(received.getBodyAsString(), JWKSet.parse(http.get("/oauth2/jwks", null).body()),
                app.path("clientId").asString(), issuer);
        // About the member identity published the withdrawal for; the SET's other claims, and that it is
        // sent once, are the events module's (SecurityEventDeliveryTest).
        assertThat(member(set.getJSONObjectClaim("sub_id"), "user"))
                .isEqualTo(Map.of("format", "iss_sub", "iss", issuer, "sub", member.id()));
        assertThat(set.getJSONObjectClaim("events")).containsKey(SESSION_REVOKED);

        sleep(500); // long enough for a wrongly addressed SET to have been sent as well
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(otherPath)))).isEmpty();
    }

    /**
     * DESIGN.md section 6: the receiver's endpoints take the client's own token. A member's token
     * (the owner's too), an app's token for one of the client's users, a delegation token, no
     * token and another client's token all change nothing; refusals are recorded where the
     * resource API records them (the app's and the delegate's in the account they acted for, another
     * client's probe in its own owner's log, answered as if no stream were there: rule 20), and the
     * owner's log shows what the client itself did.
     */
    @Test
    void theReceiverEndpointsTakeOnlyTheClientsOwnTokenAndRecordTheRefusals() {
        JsonNode app = app("Assistant");
        String receiverToken = clientToken(app);
        String id = stream(app, stub(202), List.of(SESSION_REVOKED)).path("stream_id").asString();

        Members.Member rival = Members.create(baseUrl(), "ssfr");
        JsonNode rivalsApp = app(rival, "Rival");
        String rivalsToken = clientToken(rivalsApp);
        JsonNode sibling = app("Integrator's other app");
        String siblingToken = clientToken(sibling);
        for (String other : List.of(rivalsToken, siblingToken)) {
            assertThat(http.get(STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
            assertThat(http.post("/ssf/status", other, Map.of("stream_id", id, "status", "disabled")).status()).isEqualTo(404);
            assertThat(http.post("/ssf/verify", other, Map.of("stream_id", id)).status()).isEqualTo(404);
            assertThat(http.delete(STREAMS + "?stream_id=" + id, other).status()).isEqualTo(404);
            assertThat(http.get(STREAMS, other).json()).isEmpty();
        }
        assertThat(entry(rival, "ssf.stream.status", "denied", rivalsApp.path("clientId").asString())).isNotNull();
        JsonNode probe = entry(integrator, "ssf.stream.delete", "denied", sibling.path("clientId").asString());
        assertThat(probe.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(probe.path("clientId").asString()).isEqualTo(sibling.path("clientId").asString());

        Members.Member user = Members.create(baseUrl(), "ssfu");
        String appToken = Members.appTokens(baseUrl(), app, REDIRECT, user, "profile:read").path("access_token").asString();
        Members.Member helper = Members.create(baseUrl(), "ssfd");
        String delegationToken = Delegations.delegationToken(http,
                Delegations.activeGrant(http, integrator, helper, List.of("profile:read")), helper);
        for (String refused : List.of(integrator.accessToken(), appToken, delegationToken)) {
            Http.Response answer = http.post("/ssf/status", refused, Map.of("stream_id", id, "status", "disabled"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asString()).contains("Only the client itself");
            assertThat(http.get(STREAMS + "?stream_id=" + id, refused).status()).isEqualTo(403);
        }
        assertThat(entry(user, "ssf.stream.status", "denied", app.path("clientId").asString()).path("actor").path("kind").asString())
                .isEqualTo("app");
        assertThat(entry(integrator, "ssf.stream.status", "denied", helper.id()).path("actor").path("kind").asString())
                .isEqualTo("delegate");
        Http.Response anonymous = http.post("/ssf/status", null, Map.of("stream_id", id, "status", "disabled"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

        assertThat(http.get("/ssf/status?stream_id=" + id, receiverToken).json().path("status").asString()).isEqualTo("enabled");
        JsonNode created = entry(integrator, "ssf.stream.create", "success", app.path("clientId").asString());
        assertThat(created.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(created.path("target").path("id").asString()).isEqualTo(id);
        // What the client did is recorded with its request, as its refused attempts are (black-box testing on
        // 2026-12-06 found ssf.stream.status and ssf.stream.verify without address, user agent and request id).
        Http.Response paused = http.post("/ssf/status", receiverToken, Map.of("stream_id", id, "status", "paused"));
        Http.Response verified = http.post("/ssf/verify", receiverToken, Map.of("stream_id", id, "state", "st"));
        for (Http.Response done : List.of(paused, verified)) {
            JsonNode recorded = RecordedRequests.entry(http, integrator, done.header("X-Request-Id"));
            assertThat(recorded.path("outcome").asString()).isEqualTo("success");
            assertThat(recorded.path("ip").asString()).as(recorded.toString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(recorded.path("userAgent").asString()).as(recorded.toString()).isNotEmpty();
        }
        // The owner's console sees the client's stream through the same service.
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, integrator.accessToken()).json().path("aud").get(0).asString())
                .isEqualTo(app.path("clientId").asString());
        JsonNode changed = http.patch(STREAMS, receiverToken, Map.of("stream_id", id, "description", "the assistant's")).json();
        assertThat(changed.path("description").asString()).isEqualTo("the assistant's");
        assertThat(http.delete(STREAMS + "?stream_id=" + id, receiverToken).status()).isEqualTo(204);
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, integrator.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anotherMembersStreamIsNotFoundTheProbeIsRecordedAndADelegateIsRefused() {
        JsonNode app = app("Assistant");
        String id = stream(app, stub(202), List.of(SESSION_REVOKED)).path("stream_id").asString();
        Members.Member other = Members.create(baseUrl(), "ssfo");
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.patch(OWNER_STREAMS, other.accessToken(), Map.of("stream_id", id, "description", "mine")).status()).isEqualTo(404);
        assertThat(http.delete(OWNER_STREAMS + "?stream_id=" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/ssf/status?stream_id=" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/ssf/status", other.accessToken(), Map.of("stream_id", id, "status", "disabled")).status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/ssf/verify", other.accessToken(), Map.of("stream_id", id)).status()).isEqualTo(404);
        assertThat(http.get(OWNER_STREAMS, other.accessToken()).json()).isEmpty();
        JsonNode mine = http.get(OWNER_STREAMS + "?stream_id=" + id, integrator.accessToken()).json();
        assertThat(mine.path("status").asString()).isEqualTo("enabled");
        assertThat(mine.has("description")).isFalse();
        assertThat(deniedIn(other, "ssf.stream.read")).isTrue();
        assertThat(deniedIn(other, "ssf.stream.delete")).isTrue();

        // The integrator's helper, even with a grant, may not: clients:manage is never delegable.
        Members.Member helper = Members.create(baseUrl(), "ssfd");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, integrator, helper, List.of("profile:read")), helper);
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, token).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/ssf/status", token, Map.of("stream_id", id, "status", "disabled")).status()).isEqualTo(403);
        assertThat(deniedIn(integrator, "ssf.stream.status")).isTrue();
        assertThat(http.delete(OWNER_STREAMS + "?stream_id=" + id, integrator.accessToken()).status()).isEqualTo(204);
        assertThat(http.get(OWNER_STREAMS + "?stream_id=" + id, integrator.accessToken()).status()).isEqualTo(404);
    }

    private boolean deniedIn(Members.Member member, String action) {
        return entry(member, action, "denied", null) != null;
    }

    /** An entry of the member's log with this action and outcome, by this actor (a member or client id) or by anyone, or null. */
    private JsonNode entry(Members.Member member, String action, String outcome, String actor) {
        for (JsonNode entry : http.get("/api/v1/activity?limit=100", member.accessToken()).json().path("items")) {
            if (action.equals(entry.path("action").asString()) && outcome.equals(entry.path("outcome").asString())
                    && (actor == null || actor.equals(entry.path("actor").path("id").asString()))) {
                return entry;
            }
        }
        return null;
    }

    private JsonNode app(String name) {
        return app(integrator, name);
    }

    /** A client its users sign in to, which may also ask for a token for itself (client credentials). */
    private JsonNode app(Members.Member owner, String name) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", name,
                "redirectUris", List.of(REDIRECT), "scopes", List.of("profile:read"),
                "grantTypes", List.of("authorization_code", "refresh_token", "client_credentials")));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    /** RFC 6749 section 4.4, asked for as any receiver would, with the JDK's client: no helper of ours in between. */
    private String clientToken(JsonNode app) {
        String credentials = Base64.getEncoder().encodeToString((app.path("clientId").asString() + ":"
                + app.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/token"))
                    .header("Authorization", "Basic " + credentials).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return Http.JSON.readTree(answer.body()).path("access_token").asString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The receiver makes its stream itself, with its own token, naming itself as the audience as SSF's examples do. */
    private JsonNode stream(JsonNode app, String path, List<String> events) {
        Http.Response created = http.post(STREAMS, clientToken(app), Map.of("aud", app.path("clientId").asString(),
                "delivery", Map.of("method", PUSH, "endpoint_url", url(path)), "events_requested", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("aud").get(0).asString()).isEqualTo(app.path("clientId").asString());
        return created.json();
    }

    private static String stub(int status) {
        String path = "/ssf/" + Members.unique("r");
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }
}
