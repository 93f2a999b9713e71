package org.behalf.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.behalf.auditformat.VerifyActivity;
import org.behalf.server.ServerTest;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grants and delegation tokens over real HTTP on MySQL (DESIGN.md sections 2, 5;
 * SECURITY-CASES 1–10). Every refusal of a delegate is also looked for in the holder's activity log.
 */
class DelegationTest extends ServerTest {

    private static final List<String> PROFILE = List.of("profile:read", "profile:write");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private org.behalf.delegation.grant.GrantSweeper sweeper;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private Http http;
    private DelegationFixture fixture;
    private Member holder;
    private Member assistant;

    @BeforeEach
    void members() {
        http = new Http(baseUrl());
        fixture = new DelegationFixture(http);
        holder = fixture.member("holder");
        assistant = fixture.member("assist");
    }

    @Test
    void theWholeJourneyHolderGrantsDelegateAcceptsActsAndIsRefusedAfterRevocation() {
        JsonNode pending = fixture.grant(holder, assistant, PROFILE, Map.of("note", "Profile refresh"));
        assertThat(pending.path("status").asString()).isEqualTo("pending");
        assertThat(pending.path("holder").path("id").asString()).isEqualTo(holder.id());
        String grantId = pending.path("id").asString();

        Http.Response clients = http.get("/api/v1/delegations?role=delegate", assistant.accessToken());
        assertThat(clients.json().path("items").get(0).path("id").asString()).isEqualTo(grantId);
        Http.Response accepted = http.post("/api/v1/delegations/" + grantId + "/accept", assistant.accessToken(), null);
        assertThat(accepted.json().path("status").asString()).isEqualTo("active");
        assertThat(accepted.json().path("termsHash").asString()).hasSize(64);

        Http.Response exchanged = fixture.exchange(grantId, assistant.accessToken(), null);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        assertThat(exchanged.json().path("issued_token_type").asString()).isEqualTo(DelegationFixture.ACCESS_TOKEN_TYPE);
        assertThat(exchanged.json().has("refresh_token")).isFalse();
        String token = exchanged.json().path("access_token").asString();
        JsonNode claims = Members.claims(token);
        assertThat(claims.path("sub").asString()).isEqualTo(holder.id());
        assertThat(claims.path("act").path("sub").asString()).isEqualTo(assistant.id());
        assertThat(claims.path("grant_id").asString()).isEqualTo(grantId);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
        assertThat(Set.of(claims.path("scope").asString().split(" "))).isEqualTo(Set.copyOf(PROFILE));

        Http.Response edited = http.patch("/api/v1/profile", token, Map.of("headline", "Product lead"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Product lead");

        Http.Response search = http.get("/api/v1/network/search?q=ann", token);
        assertThat(search.status()).isEqualTo(403);

        Http.Response revoked = http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null);
        assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
        Http.Response refused = http.patch("/api/v1/profile", token, Map.of("headline", "Sneaky"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Product lead");
        assertThat(fixture.exchange(grantId, assistant.accessToken(), null).json().path("error").asString()).isEqualTo("invalid_grant");

        List<JsonNode> log = fixture.activity(holder, "");
        JsonNode update = entry(log, "profile.update", "success");
        assertThat(update.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(update.path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(update.path("grantId").asString()).isEqualTo(grantId);
        assertThat(update.path("changes").get(0).path("field").asString()).isEqualTo("headline");
        assertThat(update.path("changes").get(0).path("after").asString()).isEqualTo("Product lead");
        assertThat(entry(log, "network.search", "denied").path("reason").asString()).contains("Search members through your network").doesNotContain("network:search");
        assertThat(entry(log, "profile.update", "denied").path("reason").asString()).contains("revoked");
        entry(log, "delegation.create", "success");
        entry(log, "delegation.accept", "success");
        entry(log, "delegation.revoke", "success");
    }

    /**
     * A grant id is one string (DESIGN.md section 3; docs/security.md rule 26): another spelling of it
     * is no grant at the exchange, so it never becomes a token's grant_id nor the grantId of the
     * holder's log. Trailing spaces found the grant on every MySQL collation, case and accents on the
     * server's default one ({@code GrantIdCollationTest}) (black-box finding, 2026-12-07).
     */
    @Test
    void aGrantIdInAnotherSpellingIsNoGrantAtTheExchange() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("profile:read"), Map.of());

        for (String spelling : List.of(grantId + "   ", grantId.toUpperCase(java.util.Locale.ROOT), grantId.replaceFirst("_.", "_\u00e9"))) {
            Http.Response exchanged = fixture.exchange(spelling, assistant.accessToken(), null);
            assertThat(exchanged.status()).as(spelling).isEqualTo(400);
            assertThat(exchanged.json().path("error").asString()).as(spelling).isEqualTo("invalid_grant");
        }
        assertThat(Members.claims(fixture.delegationToken(grantId, assistant, null)).path("grant_id").asString()).isEqualTo(grantId);
        assertThat(fixture.activity(holder, "action=delegation.exchange")).extracting(e -> e.path("grantId").asString())
                .containsExactly(grantId);
    }

    @Test
    void exchangeForAScopeOutsideTheGrantIsInvalidScopeAndRecorded() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("profile:read"), Map.of());

        Http.Response wider = fixture.exchange(grantId, assistant.accessToken(), "profile:read profile:write");
        Http.Response never = fixture.exchange(grantId, assistant.accessToken(), "network:search");

        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().path("error").asString()).isEqualTo("invalid_scope");
        assertThat(never.json().path("error").asString()).isEqualTo("invalid_scope");
        assertThat(fixture.activity(holder, "action=delegation.exchange&outcome=denied")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void exchangeWithoutScopeGivesTheGrantsScopesNotTheClients() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("profile:read"), Map.of());

        JsonNode claims = Members.claims(fixture.delegationToken(grantId, assistant, null));

        assertThat(claims.path("scope").asString()).isEqualTo("profile:read");
    }

    @Test
    void aDelegationTokenCannotBeExchangedAgain() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String delegationToken = fixture.delegationToken(grantId, assistant, null);

        Http.Response nested = fixture.exchange(grantId, delegationToken, null);

        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("error").asString()).isEqualTo("invalid_grant");
        // The attempt is the holder's to read (docs/security.md rule 31; black-box testing, 2026-12-06).
        JsonNode attempt = entry(fixture.activity(holder, "action=delegation.exchange&outcome=denied"), "delegation.exchange", "denied");
        assertThat(attempt.path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(attempt.path("target").path("id").asString()).isEqualTo(grantId);
        assertThat(attempt.path("reason").asString()).isEqualTo("a delegation token cannot be exchanged again");
        Http.Response asSubject = http.form("/oauth2/token", Members.ordered("grant_type", DelegationFixture.EXCHANGE,
                "client_id", Members.CLI, "subject_token", delegationToken,
                "subject_token_type", DelegationFixture.ACCESS_TOKEN_TYPE, "actor_token", assistant.accessToken(),
                "actor_token_type", DelegationFixture.ACCESS_TOKEN_TYPE));
        assertThat(asSubject.status()).isEqualTo(400);
        assertThat(asSubject.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(asSubject.body()).doesNotContain("access_token\"");
        // The token sent as the subject is the holder's to read too, as the actor token's attempt
        // (docs/security.md rule 31): it was refused before any token was read, and left no entry.
        List<JsonNode> attempts = fixture.activity(holder, "action=delegation.exchange&outcome=denied");
        assertThat(attempts).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id());
            assertThat(entry.path("target").path("id").asString()).isEqualTo(grantId);
            assertThat(entry.path("reason").asString()).isEqualTo("a delegation token cannot be exchanged again");
        });
    }

    @Test
    void anActorTokenWithoutDelegationActIsInvalidGrantAndRecorded() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String readOnly = Members.signIn(baseUrl(), assistant.handle(), assistant.password(), "profile:read")
                .path("access_token").asString();

        Http.Response refused = fixture.exchange(grantId, readOnly, null);

        assertThat(refused.json().path("error").asString()).as(refused.toString()).isEqualTo("invalid_grant");
        assertThat(refused.body()).doesNotContain("access_token\"");
        JsonNode denied = entry(fixture.activity(holder, "action=delegation.exchange&outcome=denied"), "delegation.exchange", "denied");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(denied.path("reason").asString()).contains("delegation:act");
    }

    @Test
    void anotherClientsTokenOfTheDelegateIsInvalidGrantAndAClientWithoutDelegationActIsUnauthorized() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        JsonNode exchanger = http.post("/api/v1/clients", assistant.accessToken(), Map.of("name", "Exchanging app",
                "redirectUris", List.of(), "scopes", List.of("profile:read", "delegation:act"),
                "grantTypes", List.of(DelegationFixture.EXCHANGE))).json();
        JsonNode plain = http.post("/api/v1/clients", assistant.accessToken(), Map.of("name", "Plain app",
                "redirectUris", List.of(), "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"))).json();
        Map<String, String> form = Members.ordered("grant_type", DelegationFixture.EXCHANGE, "subject_token", grantId,
                "subject_token_type", DelegationFixture.GRANT_TYPE, "actor_token", assistant.accessToken(),
                "actor_token_type", DelegationFixture.ACCESS_TOKEN_TYPE);

        // The assistant's token was issued to behalf-cli: another app may not present it.
        Http.Response stolen = http.form("/oauth2/token", form, basic(exchanger));
        assertThat(stolen.json().path("error").asString()).as(stolen.toString()).isEqualTo("invalid_grant");
        assertThat(stolen.body()).doesNotContain("access_token\"");
        Http.Response unauthorized = http.form("/oauth2/token", form, basic(plain));
        assertThat(unauthorized.json().path("error").asString()).as(unauthorized.toString()).isEqualTo("unauthorized_client");
        JsonNode denied = entry(fixture.activity(holder, "action=delegation.exchange&outcome=denied"), "delegation.exchange", "denied");
        assertThat(denied.path("clientId").asString()).isEqualTo(exchanger.path("clientId").asString());
    }

    private static String basic(JsonNode client) {
        return java.util.Base64.getEncoder().encodeToString((client.path("clientId").asString() + ":"
                + client.path("clientSecret").asString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A member who is not the grant's helper learns nothing of the grant (the answer is an unknown
     * grant's), and the holder reads who tried, as a person, and why it was refused in words.
     */
    @Test
    void someoneElsesActorTokenIsInvalidGrantAndRecorded() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Member stranger = fixture.member("strang");

        Http.Response stolen = fixture.exchange(grantId, stranger.accessToken(), null);

        assertThat(stolen.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(stolen.json().path("error_description").asString())
                .isEqualTo(fixture.exchange("grt_NoSuchGrant0000000000", stranger.accessToken(), null).json().path("error_description").asString());
        JsonNode denied = entry(fixture.activity(holder, "action=delegation.exchange&outcome=denied"), "delegation.exchange", "denied");
        assertThat(denied.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(stranger.id());
        assertThat(denied.path("reason").asString()).isEqualTo("They are not the helper this access was given to.");
    }

    /**
     * Black-box finding F22: an app's own token (client credentials) is no actor. A grant names a
     * person as its helper (DESIGN.md section 2 rule 1, section 5), so the exchange is refused
     * ({@code invalid_grant}, in words), and the holder's log names the app as the app (kind
     * {@code app}, its client id, its name in the reason), where it read "a delegate" with a client
     * id for a member id. The answer is the same for a grant that does not exist, which leaves no entry.
     */
    @Test
    void anAppExchangingWithItsOwnTokenIsRefusedAndTheHolderReadsWhichAppTried() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Member integrator = fixture.member("integ");
        String name = "Crm sync " + integrator.handle();
        JsonNode app = exchangingApp(integrator, name);
        String appToken = ownToken(app, "delegation:act");

        Http.Response refused = exchangeThrough(app, grantId, appToken);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(refused.json().path("error_description").asString()).isEqualTo(
                "an app's own token cannot act for anyone: the actor token must be the helper's own access token, issued to this app");
        assertThat(refused.body()).doesNotContain("access_token\"");
        String clientId = app.path("clientId").asString();
        List<JsonNode> tried = fixture.activity(holder, "actor=" + clientId);
        assertThat(tried).hasSize(1);
        JsonNode denied = tried.get(0);
        assertThat(denied.path("action").asString()).isEqualTo("delegation.exchange");
        assertThat(denied.path("outcome").asString()).isEqualTo("denied");
        assertThat(denied.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(clientId);
        assertThat(denied.path("clientId").asString()).isEqualTo(clientId);
        assertThat(denied.path("grantId").asString()).isEqualTo(grantId);
        assertThat(denied.path("reason").asString()).isEqualTo(
                "\u201c" + name + "\u201d sent its own token where the helper's belongs; an app cannot use a helper's access by itself.");

        Http.Response unknown = exchangeThrough(app, "grt_NoSuchGrant0000000000", appToken);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json()).isEqualTo(refused.json());
        assertThat(fixture.activity(holder, "actor=" + clientId)).hasSize(1);

        // The entry is in the export as the log answered it, and the chain still verifies.
        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        JsonNode exported = export.lines().map(JsonMapper.builder().build()::readTree)
                .filter(entry -> entry.path("id").asString().equals(denied.path("id").asString())).findFirst().orElseThrow();
        assertThat(exported.path("actor")).isEqualTo(denied.path("actor"));
        assertThat(exported.path("reason")).isEqualTo(denied.path("reason"));
        String checkpoint = http.post("/api/v1/activity/checkpoints", holder.accessToken(), null).body();
        assertThat(VerifyActivity.verify(export, List.of(checkpoint), http.get("/api/v1/activity/keys", null).body()).toString())
                .isEqualTo("valid up to seq " + export.lines().count());
    }

    /**
     * Another app's own token, sent through an app allowed to exchange or through the public
     * {@code behalf-cli}, is refused the same way; the holder reads the app whose token it was as
     * the actor, and the client it came through.
     */
    @Test
    void anotherAppsOwnTokenIsRefusedAndRecordedAsThatAppThroughTheClientItCameBy() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Member integrator = fixture.member("integ");
        String name = "Scheduler " + integrator.handle();
        JsonNode exchanger = exchangingApp(integrator, name);
        JsonNode other = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Reporting app",
                "redirectUris", List.of(), "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"))).json();
        String otherId = other.path("clientId").asString();
        String othersToken = ownToken(other, null);

        Http.Response refused = exchangeThrough(exchanger, grantId, othersToken);

        assertThat(refused.json().path("error").asString()).as(refused.toString()).isEqualTo("invalid_grant");
        assertThat(refused.body()).doesNotContain("access_token\"");
        JsonNode through = fixture.activity(holder, "actor=" + otherId).get(0);
        assertThat(through.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(through.path("clientId").asString()).isEqualTo(exchanger.path("clientId").asString());
        assertThat(through.path("reason").asString()).isEqualTo("App " + otherId + "'s own token was sent through \u201c" + name
                + "\u201d where the helper's belongs; an app cannot use a helper's access by itself.");
    }

    @Test
    void anApplicationsOwnTokenCannotActForAnyoneAndTheAttemptIsRecorded() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        JsonNode app = http.post("/api/v1/clients", assistant.accessToken(), Map.of("name", "Assistant's app", "redirectUris", List.of(),
                "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"))).json();
        String appToken = ownToken(app, null);

        Http.Response asActor = fixture.exchange(grantId, appToken, null);

        assertThat(asActor.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(asActor.body()).doesNotContain("access_token\"");
        JsonNode denied = entry(fixture.activity(holder, "action=delegation.exchange&outcome=denied"), "delegation.exchange", "denied");
        assertThat(denied.path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(denied.path("actor").path("id").asString()).isEqualTo(app.path("clientId").asString());
        assertThat(denied.path("clientId").asString()).isEqualTo(Members.CLI);
        assertThat(denied.path("reason").asString()).contains("sent through \u201cBehalf command line\u201d");
    }

    /** A member's token issued to an app, of someone the grant does not name: a person tried, through that app. */
    @Test
    void aMemberWhoIsNotTheHelperIsRefusedThroughAnAppAndNamedInTheLog() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Member integrator = fixture.member("integ");
        JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Helper desk " + integrator.handle(),
                "redirectUris", List.of("https://app.example/cb"), "scopes", List.of("profile:read", "delegation:act"),
                "grantTypes", List.of("authorization_code", DelegationFixture.EXCHANGE))).json();
        Member stranger = fixture.member("strang");
        String strangersToken = Members.appTokens(baseUrl(), app, "https://app.example/cb", stranger, "profile:read delegation:act")
                .path("access_token").asString();

        Http.Response refused = exchangeThrough(app, grantId, strangersToken);

        assertThat(refused.json().path("error").asString()).as(refused.toString()).isEqualTo("invalid_grant");
        JsonNode denied = fixture.activity(holder, "actor=" + stranger.id()).get(0);
        assertThat(denied.path("action").asString()).isEqualTo("delegation.exchange");
        assertThat(denied.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(denied.path("clientId").asString()).isEqualTo(app.path("clientId").asString());
        assertThat(denied.path("reason").asString()).isEqualTo("They are not the helper this access was given to.");
    }

    /** An exchange of the grant sent by {@code app}, authenticated with its secret, with {@code actorToken} as the actor. */
    private Http.Response exchangeThrough(JsonNode app, String grantId, String actorToken) {
        return http.form("/oauth2/token", Members.ordered("grant_type", DelegationFixture.EXCHANGE, "subject_token", grantId,
                "subject_token_type", DelegationFixture.GRANT_TYPE, "actor_token", actorToken,
                "actor_token_type", DelegationFixture.ACCESS_TOKEN_TYPE), basic(app));
    }

    /** An app of {@code owner}'s that may exchange grants (delegation:act) and ask for its own token. */
    private JsonNode exchangingApp(Member owner, String name) {
        Http.Response created = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", name, "redirectUris", List.of(),
                "scopes", List.of("profile:read", "delegation:act"), "grantTypes", List.of(DelegationFixture.EXCHANGE, "client_credentials")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** The app's own token (client credentials), with {@code scope} when not null. */
    private String ownToken(JsonNode app, String scope) {
        Map<String, String> form = scope == null ? Map.of("grant_type", "client_credentials")
                : Members.ordered("grant_type", "client_credentials", "scope", scope);
        Http.Response token = http.form("/oauth2/token", form, basic(app));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    @Test
    void narrowingTakesEffectOnTheNextRequestWithAnEarlierToken() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);
        assertThat(http.patch("/api/v1/profile", token, Map.of("headline", "One")).status()).isEqualTo(200);

        Http.Response narrowed = http.patch("/api/v1/delegations/" + grantId, holder.accessToken(), Map.of("scopes", List.of("profile:read")));
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);

        assertThat(http.patch("/api/v1/profile", token, Map.of("headline", "Two")).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(200);
        assertThat(entry(fixture.activity(holder, "outcome=denied"), "profile.update", "denied").path("reason").asString())
                .contains("no longer includes \u201cEdit your headline, summary, location, positions, education and skills\u201d");
        // A token of the narrowed grant lacks the scope: said in the catalog's words too, never by the scope's name
        // (docs/api.md; black-box finding 7: "The token lacks the scope profile:write.").
        Http.Response lacking = http.patch("/api/v1/profile", fixture.delegationToken(grantId, assistant, null), Map.of("headline", "Three"));
        assertThat(lacking.status()).isEqualTo(403);
        assertThat(lacking.json().path("detail").asString()).as(lacking.toString())
                .isEqualTo("The token does not include \u201cEdit your headline, summary, location, positions, education and skills\u201d.");
        assertThat(fixture.activity(holder, "outcome=denied").get(0).path("reason").asString()).doesNotContain("profile:write");
    }

    /**
     * An exchange that waits for its grant's lock issues what the grant says once it has the lock: a
     * narrowing committed while it waits decides its scope and expiry (SECURITY-CASES 1, 6 and 7).
     * An earlier exchange of the grant comes first, so that a node remembering what a grant allowed
     * (signing before the lock from that memory was tried twice, docs/benchmark-history.md) would
     * be caught issuing from it.
     */
    @Test
    void aGrantNarrowedWhileAnExchangeWaitsForItsLockGivesTheNarrowedToken() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Http.Response before = fixture.exchange(grantId, assistant.accessToken(), null);
        assertThat(Members.claims(before.json().path("access_token").asString()).path("scope").asString().split(" "))
                .containsExactlyInAnyOrder("profile:read", "profile:write");
        Instant sooner = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Http.Response> exchange = transactions.execute(tx -> {
                jdbc.queryForObject("SELECT id FROM delegation_grant WHERE id = ? FOR UPDATE", String.class, grantId);
                Future<Http.Response> waiting = pool.submit(() -> fixture.exchange(grantId, assistant.accessToken(), null));
                awaitLockWaitOn("delegation_grant", waiting);
                jdbc.update("UPDATE delegation_grant SET scopes = 'profile:read', expires_at = ? WHERE id = ?",
                        java.sql.Timestamp.from(sooner), grantId);
                return waiting;
            });
            Http.Response answer = exchange.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode claims = Members.claims(answer.json().path("access_token").asString());
            assertThat(claims.path("scope").asString()).isEqualTo("profile:read");
            assertThat(claims.path("exp").asLong()).isEqualTo(sooner.getEpochSecond());
            assertThat(http.patch("/api/v1/profile", answer.json().path("access_token").asString(), Map.of("headline", "No")).status())
                    .isEqualTo(403);
            assertThat(entry(fixture.activity(holder, "outcome=denied"), "profile.update", "denied").path("grantId").asString())
                    .isEqualTo(grantId);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Exchanges of one grant that wait together are issued in one batch (one transaction, one locked
     * read of the grant): a narrowing committed while they wait decides every token of the batch,
     * an exchange asking for more than the grant is refused without undoing the others, and each
     * exchange has its own token and its own entry, in one chain that verifies (SECURITY-CASES 1, 7).
     */
    @Test
    void exchangesOfOneGrantWaitingTogetherAreEachIssuedAndRecordedOnce() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        int plain = 12;
        int tooMuch = 3;
        ExecutorService pool = Executors.newFixedThreadPool(plain + tooMuch);
        try {
            List<Future<Http.Response>> asked = new ArrayList<>();
            List<Future<Http.Response>> askedTooMuch = new ArrayList<>();
            transactions.executeWithoutResult(tx -> {
                jdbc.queryForObject("SELECT id FROM delegation_grant WHERE id = ? FOR UPDATE", String.class, grantId);
                asked.add(pool.submit(() -> fixture.exchange(grantId, assistant.accessToken(), null)));
                awaitLockWaitOn("delegation_grant", asked.get(0));
                for (int i = 1; i < plain; i++) {
                    asked.add(pool.submit(() -> fixture.exchange(grantId, assistant.accessToken(), null)));
                }
                for (int i = 0; i < tooMuch; i++) {
                    askedTooMuch.add(pool.submit(() -> fixture.exchange(grantId, assistant.accessToken(), "profile:write")));
                }
                // Until every request is in (they queue behind the first without a connection).
                LockSupport.parkNanos(1_500_000_000L);
                jdbc.update("UPDATE delegation_grant SET scopes = 'profile:read' WHERE id = ?", grantId);
            });
            Set<String> tokens = new java.util.HashSet<>();
            for (Future<Http.Response> exchange : asked) {
                Http.Response answer = exchange.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                String token = answer.json().path("access_token").asString();
                assertThat(Members.claims(token).path("scope").asString()).isEqualTo("profile:read");
                assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(200);
                tokens.add(token);
            }
            assertThat(tokens).hasSize(plain);
            for (Future<Http.Response> exchange : askedTooMuch) {
                Http.Response answer = exchange.get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
                assertThat(answer.json().path("error").asString()).isEqualTo("invalid_scope");
                assertThat(answer.json().path("error_description").asString()).contains("profile:write");
            }

            String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
            JsonMapper json = JsonMapper.builder().build();
            List<JsonNode> exchanges = export.lines().map(json::readTree)
                    .filter(entry -> entry.path("action").asString().equals("delegation.exchange")).toList();
            assertThat(exchanges.stream().filter(entry -> entry.path("outcome").asString().equals("success"))
                    .map(entry -> entry.path("changes").toString()).toList())
                    .as("one entry for each token, with the scope it was given").hasSize(plain)
                    .allMatch(changes -> changes.contains("profile:read") && !changes.contains("profile:write"));
            assertThat(exchanges.stream().filter(entry -> entry.path("outcome").asString().equals("denied"))
                    .map(entry -> entry.path("reason").asString()).toList())
                    .hasSize(tooMuch).allMatch(reason -> reason.contains("profile:write"));
            String checkpoint = http.post("/api/v1/activity/checkpoints", holder.accessToken(), null).body();
            String keys = http.get("/api/v1/activity/keys", null).body();
            assertThat(VerifyActivity.verify(export,
                    List.of(checkpoint), keys).toString()).isEqualTo("valid up to seq " + export.lines().count());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A batch of exchanges that loses a deadlock is rolled back whole and run again, as a resource
     * request is (docs/operations.md, "Certification conflicts"): another transaction, heavier so
     * that InnoDB picks the exchange as the victim, holds the holder's last entry while the exchange
     * holds the grant and waits for that entry, then asks for the grant. The exchange is answered
     * 200 once the other transaction ends, with one entry, not 503, and the re-run is counted for
     * operators ({@code behalf_exchange_conflicts_total{outcome="rerun"}}, docs/deploy.md).
     */
    @Test
    void anExchangeBatchThatLosesADeadlockIsRunAgainAndIssues() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        Member bystander = fixture.member("bystand");
        int exchangesBefore = fixture.activity(holder, "action=delegation.exchange&outcome=success").size();
        double rerunsBefore = exchangeReruns();
        TestDatabase database = TestDatabase.shared();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Http.Response> exchange;
        // A connection of its own, not the pool's (TwoNodesTest says why).
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password())) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement weight = other.prepareStatement(
                    "UPDATE network_profile SET headline = 'Held by another transaction' WHERE member_id IN (?, ?, ?)")) {
                weight.setString(1, holder.id());
                weight.setString(2, assistant.id());
                weight.setString(3, bystander.id());
                weight.executeUpdate();
            }
            try (java.sql.PreparedStatement head = other.prepareStatement("SELECT seq FROM audit_entry WHERE account_id = ? "
                    + "AND seq = (SELECT MAX(seq) FROM audit_entry WHERE account_id = ?) FOR UPDATE")) {
                head.setString(1, holder.id());
                head.setString(2, holder.id());
                head.executeQuery().close();
            }
            exchange = pool.submit(() -> fixture.exchange(grantId, assistant.accessToken(), null));
            awaitLockWaitOn("audit_entry", exchange);
            try (java.sql.PreparedStatement grant = other.prepareStatement("SELECT id FROM delegation_grant WHERE id = ? FOR UPDATE")) {
                grant.setString(1, grantId);
                grant.executeQuery().close();
            }
            awaitLockWaitOn("delegation_grant", exchange);
            other.rollback();
        } finally {
            pool.shutdown();
        }
        Http.Response answer = exchange.get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(http.get("/api/v1/profile", answer.json().path("access_token").asString()).status()).isEqualTo(200);
        assertThat(fixture.activity(holder, "action=delegation.exchange&outcome=success")).hasSize(exchangesBefore + 1);
        assertThat(exchangeReruns()).as("exchange batches run again after a conflict").isEqualTo(rerunsBefore + 1);
    }

    private double exchangeReruns() {
        io.micrometer.core.instrument.Counter counter = meters.find("behalf.exchange.conflicts").tag("outcome", "rerun").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String outcome(Future<Http.Response> ended) {
        try {
            return ended.get().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * Until another transaction waits for a row lock taken by a statement on {@code table}, while
     * {@code request} runs. InnoDB refreshes what this table shows only when it was last read more
     * than 0.1 s before, so it is read less often than that.
     */
    private void awaitLockWaitOn(String table, Future<Http.Response> request) {
        for (int i = 0; i < 100; i++) {
            if (request.isDone()) {
                throw new AssertionError("the request ended without waiting for the lock: " + outcome(request));
            }
            Integer waiting = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT' "
                    + "AND trx_query LIKE ?", Integer.class, "%" + table + "%");
            if (waiting != null && waiting > 0) {
                return;
            }
            LockSupport.parkNanos(150_000_000);
        }
        throw new AssertionError("no transaction came to wait for the lock on " + table + ": "
                + jdbc.queryForList("SELECT trx_state, trx_query FROM information_schema.innodb_trx"));
    }

    @Test
    void anExpiredGrantRefusesAnUnexpiredTokenAndNoTokenOutlivesItsGrant() {
        Instant soon = Instant.now().plus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("expiresAt", soon.toString()));
        String token = fixture.delegationToken(grantId, assistant, null);
        assertThat(Members.claims(token).path("exp").asLong()).isLessThanOrEqualTo(soon.getEpochSecond());

        // The grant's time runs out (moved into the past in the database rather than waited for).
        jdbc.update("UPDATE delegation_grant SET expires_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), grantId);

        assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(403);
        assertThat(fixture.exchange(grantId, assistant.accessToken(), null).json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/delegations/" + grantId, holder.accessToken()).json().path("status").asString()).isEqualTo("expired");
    }

    @Test
    void pendingDeclinedAndResignedGrantsGiveNothing() {
        String pending = fixture.grant(holder, assistant, PROFILE, Map.of()).path("id").asString();
        assertThat(fixture.exchange(pending, assistant.accessToken(), null).json().path("error").asString()).isEqualTo("invalid_grant");

        http.post("/api/v1/delegations/" + pending + "/decline", assistant.accessToken(), null);
        assertThat(fixture.exchange(pending, assistant.accessToken(), null).json().path("error").asString()).isEqualTo("invalid_grant");

        String active = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String token = fixture.delegationToken(active, assistant, null);
        assertThat(http.post("/api/v1/delegations/" + active + "/resign", assistant.accessToken(), null).json().path("status").asString())
                .isEqualTo("resigned");
        assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(403);
    }

    /**
     * A helper's accept, decline or resign refused for the grant's state (409) is an entry in the
     * holder's log, as the step itself would be, and the refusal changed nothing (DESIGN.md section 2
     * rule 6; black-box finding, 2026-12-07: it was recorded nowhere, so a holder did not see that a
     * helper whose access they revoked kept trying to take it up).
     */
    @Test
    void aHelpersRefusedAcceptDeclineOrResignIsRecordedInTheHoldersLog() {
        String grantId = fixture.grant(holder, assistant, List.of("profile:read"), Map.of()).path("id").asString();
        http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null);

        for (String step : List.of("accept", "decline", "resign")) {
            Http.Response refused = http.post("/api/v1/delegations/" + grantId + "/" + step, assistant.accessToken(), null);
            assertThat(refused.status()).as(step).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }

        List<JsonNode> denied = fixture.activity(holder, "outcome=denied");
        assertThat(denied).extracting(e -> e.path("action").asString())
                .containsExactly("delegation.resign", "delegation.decline", "delegation.accept");
        for (JsonNode entry : denied) {
            assertThat(entry.path("actor").path("kind").asString()).isEqualTo("delegate");
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id());
            assertThat(entry.path("grantId").asString()).isEqualTo(grantId);
            assertThat(entry.path("target").path("id").asString()).isEqualTo(grantId);
        }
        assertThat(denied.get(0).path("reason").asString()).isEqualTo("The grant is revoked, not active.");
        assertThat(denied.get(2).path("reason").asString()).isEqualTo("The grant is revoked, not pending.");
        assertThat(http.get("/api/v1/delegations/" + grantId, holder.accessToken()).json().path("status").asString()).isEqualTo("revoked");
    }

    @Test
    void aGrantsLifetimeAndEveryTransitionAreBoundedShownAndRecorded() {
        Instant created = Instant.now();
        JsonNode byDefault = fixture.grant(holder, assistant, PROFILE, Map.of());
        assertThat(Instant.parse(byDefault.path("expiresAt").asString()))
                .isBetween(created.plus(30, ChronoUnit.DAYS).minusSeconds(60), created.plus(30, ChronoUnit.DAYS).plusSeconds(60));
        Http.Response tooLong = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", PROFILE, "expiresAt", created.plus(366, ChronoUnit.DAYS).toString()));
        assertThat(tooLong.json().path("field").asString()).as(tooLong.toString()).isEqualTo("expiresAt");
        Http.Response smuggled = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", PROFILE, "status", "active"));
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.json().path("detail").asString()).contains("status");

        String grantId = byDefault.path("id").asString();
        http.post("/api/v1/delegations/" + grantId + "/accept", assistant.accessToken(), null);
        JsonNode accepted = http.get("/api/v1/delegations/" + grantId, holder.accessToken()).json();
        assertThat(accepted.path("acceptedAt").isNull()).isFalse();
        assertThat(accepted.path("lastActivityAt").isNull()).isTrue();
        assertThat(http.get("/api/v1/profile", fixture.delegationToken(grantId, assistant, null)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/delegations?role=delegate", assistant.accessToken()).json().path("items").valueStream()
                .filter(g -> g.path("id").asString().equals(grantId)).findFirst().orElseThrow().path("lastActivityAt").isNull()).isFalse();
        String later = created.plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(http.patch("/api/v1/delegations/" + grantId, holder.accessToken(), Map.of("expiresAt", later)).status()).isEqualTo(200);
        http.post("/api/v1/delegations/" + grantId + "/resign", assistant.accessToken(), null);
        String declined = fixture.grant(holder, assistant, PROFILE, Map.of()).path("id").asString();
        http.post("/api/v1/delegations/" + declined + "/decline", assistant.accessToken(), null);

        List<JsonNode> log = fixture.activity(holder, "");
        JsonNode update = entry(log, "delegation.update", "success");
        assertThat(update.path("changes").toString()).contains("expiresAt").contains(later.substring(0, 10));
        assertThat(entry(log, "delegation.accept", "success").path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(entry(log, "delegation.resign", "success").path("grantId").asString()).isEqualTo(grantId);
        assertThat(entry(log, "delegation.decline", "success").path("grantId").asString()).isEqualTo(declined);
    }

    @Test
    void aDelegateNeverReachesTheNeverDelegableScopesThroughAnyPath() {
        Http.Response refused = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", List.of("profile:read", "network:search", "data:export")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("scopes");
        assertThat(refused.json().path("detail").asString()).contains("data:export", "network:search");

        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        for (String scope : List.of("account:manage", "delegation:manage", "activity:read", "data:export", "network:search")) {
            assertThat(fixture.exchange(grantId, assistant.accessToken(), scope).json().path("error").asString())
                    .as(scope).isEqualTo("invalid_scope");
        }
        String token = fixture.delegationToken(grantId, assistant, null);
        assertThat(http.get("/api/v1/delegations", token).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations", token, Map.of("delegate", "x", "scopes", List.of("profile:read"))).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/delegations/" + grantId + "/revoke", token, null).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/activity", token).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/network/search?q=a", token).status()).isEqualTo(403);
        assertThat(fixture.activity(holder, "outcome=denied&actor=" + assistant.id()).size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aDailyQuotaHoldsUnderConcurrentRequests() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("quotas", Map.of("profile:read", 5)));
        String token = fixture.delegationToken(grantId, assistant, null);

        List<Integer> statuses = AtOnce.run(12, () -> http.get("/api/v1/profile", token).status());

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 403).count()).isEqualTo(7);
        assertThat(fixture.activity(holder, "action=profile.read&outcome=denied")).hasSize(7);
    }

    /** Black-box testing, 2026-12-06: a 300-row import took one unit of "at most 1 a day". */
    @Test
    void anImportTakesAUnitOfTheDailyQuotaForEachContactItAdds() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:read", "contacts:write"),
                Map.of("quotas", Map.of("contacts:write", 3)));
        String token = fixture.delegationToken(grantId, assistant, null);

        Http.Response tooMany = importCsv(token, "Name,Email\nAda,ada@example.com\nBo,bo@example.com\nCy,cy@example.com\nDi,di@example.com\n");
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(403);
        assertThat(tooMany.json().path("detail").asString()).startsWith("The daily quota is 3 a day for")
                .contains("and 3 are left today").endsWith("this would take 4. Nothing was done.");
        // The type of every quota refusal (docs/api.md; black-box finding, 2026-12-07: this one was "forbidden").
        assertThat(tooMany.json().path("type").asString()).isEqualTo("https://behalf.example/problems/grant-refused");
        assertThat(http.get("/api/v1/contacts", holder.accessToken()).json().path("items")).isEmpty();

        Http.Response two = importCsv(token, "Name,Email\nAda,ada@example.com\nBo,bo@example.com\n");
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        assertThat(two.json().path("imported").asInt()).isEqualTo(2);
        assertThat(http.post("/api/v1/contacts", token, Map.of("name", "Cy")).status()).isEqualTo(201);
        Http.Response spent = http.post("/api/v1/contacts", token, Map.of("name", "Di"));
        assertThat(spent.status()).isEqualTo(403);
        assertThat(spent.json().path("detail").asString()).startsWith("The daily quota is used up");
        assertThat(spent.json().path("type").asString()).isEqualTo(tooMany.json().path("type").asString());

        assertThat(http.get("/api/v1/contacts", holder.accessToken()).json().path("items")).hasSize(3);
        List<JsonNode> refused = fixture.activity(holder, "action=contact.import&outcome=denied");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path("reason").asString()).contains("this would take 4");
    }

    /**
     * DESIGN.md section 4 and docs/security.md rule 5: reading and changing are separate scopes. A helper with
     * {@code contacts:write} alone learnt whether an address was in the holder's address book from an import's report
     * ("already in the address book: …", and how many were imported), and from the quota it left (black-box finding,
     * 2026-12-07). A file with an address that is there and one with none answer alike, and take the same quota; the
     * holder's log says what each did, and whoever may read the address book gets the whole report.
     */
    @Test
    void anImportByAHelperWhoMayNotReadTheAddressBookSaysNothingOfWhatWasAlreadyThere() {
        http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", "Known Kim", "emails", List.of("kim@known.example")));
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:write"), Map.of("quotas", Map.of("contacts:write", 4)));
        String token = fixture.delegationToken(grantId, assistant, null);

        Http.Response there = importCsv(token, "Name,Email\nKim,kim@known.example\nNo Mail,not-an-address\nLee,lee@new.example\n");
        Http.Response notThere = importCsv(token, "Name,Email\nMo,mo@new.example\nNo Mail,not-an-address\nNed,ned@new.example\n");

        assertThat(there.status()).as(there.toString()).isEqualTo(200);
        assertThat(notThere.status()).as(notThere.toString()).isEqualTo(200);
        assertThat(there.body()).as("alike").isEqualTo(notThere.body());
        assertThat(there.body()).doesNotContain("kim@known.example").doesNotContain("already in the address book:").doesNotContain("imported");
        assertThat(there.json().path("rows").asInt()).isEqualTo(3);
        assertThat(there.json().path("skipped")).hasSize(1);
        assertThat(there.json().path("skipped").get(0).path("row").asInt()).as("what the file itself got wrong").isEqualTo(3);
        assertThat(there.json().path("skipped").get(0).path("reason").asString()).contains("not-an-address");
        // Each row the file's rules let through took a unit, added or not: 2 and 2 of the 4.
        Http.Response spent = http.post("/api/v1/contacts", token, Map.of("name", "One more"));
        assertThat(spent.status()).as(spent.toString()).isEqualTo(403);
        assertThat(spent.json().path("detail").asString()).startsWith("The daily quota is used up");

        List<JsonNode> imports = fixture.activity(holder, "action=contact.import&outcome=success");
        assertThat(imports).hasSize(2).allSatisfy(entry -> assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id()));
        assertThat(imports.stream().map(entry -> entry.path("changes").valueStream()
                .filter(change -> change.path("field").asString().equals("imported")).findFirst().orElseThrow()
                .path("after").asInt()).toList()).as("the holder's log says what each did").containsExactlyInAnyOrder(1, 2);
        List<String> names = http.get("/api/v1/contacts", holder.accessToken()).json().path("items").valueStream()
                .map(contact -> contact.path("name").asString()).toList();
        assertThat(names).containsExactlyInAnyOrder("Known Kim", "Lee", "Mo", "Ned");

        JsonNode whole = importCsv(holder.accessToken(), "Name,Email\nKim,kim@known.example\n").json();
        assertThat(whole.path("imported").asInt()).isZero();
        assertThat(whole.path("skipped").get(0).path("reason").asString()).isEqualTo("already in the address book: kim@known.example");
    }

    private Http.Response importCsv(String token, String csv) {
        return http.send(http.request("/api/v1/contacts/import", token).header("Content-Type", "text/csv")
                .POST(BodyPublishers.ofString(csv)).build());
    }

    @Test
    void aRevokedActorTokenCannotBeExchanged() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String laptop = Members.signIn(baseUrl(), assistant.handle(), assistant.password(), Members.MEMBER_SCOPES)
                .path("access_token").asString();
        assertThat(fixture.exchange(grantId, laptop, null).status()).isEqualTo(200);
        // Changing the password ends the assistant's other sessions: the laptop's token is revoked.
        assertThat(http.post("/api/v1/account/password", assistant.accessToken(), Map.of("currentPassword", assistant.password(),
                "newPassword", "another long passphrase")).status()).isEqualTo(204);
        Http.Response refused = fixture.exchange(grantId, laptop, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(fixture.exchange(grantId, assistant.accessToken(), null).status()).isEqualTo(200);
    }

    @Test
    void aChangeCarryingCredentialsIsRefusedUnderReviewAndTheCredentialsAreStoredNowhere() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:write"), Map.of("review", List.of("contacts:write")));
        String token = fixture.delegationToken(grantId, assistant, null);

        Http.Response refused = http.post("/api/v1/contacts/import/provider", token,
                Map.of("accessToken", "provider-secret-4711", "code", "provider-code-4712"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("credentials");
        assertThat(http.get("/api/v1/approvals?status=pending", holder.accessToken()).json().path("items")).isEmpty();
        List<JsonNode> log = fixture.activity(holder, "");
        assertThat(entry(log, "contact.import", "denied").path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(log.toString()).doesNotContain("provider-secret-4711").doesNotContain("provider-code-4712");
    }

    @Test
    void changesUnderReviewWaitForTheHolderAndHappenOnlyIfApproved() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
        assertThat(http.get("/api/v1/profile", token).status()).as("reads are not held").isEqualTo(200);

        Http.Response held = http.patch("/api/v1/profile", token, Map.of("headline", "Proposed by my assistant"));
        assertThat(held.status()).isEqualTo(202);
        assertThat(held.json().path("status").asString()).isEqualTo("pending");
        String approval = held.json().path("id").asString();
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);

        // The delegate can approve nothing: not with the delegation token, not with their own.
        assertThat(http.post("/api/v1/approvals/" + approval + "/approve", token, null).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/approvals/" + approval + "/approve", assistant.accessToken(), null).status()).isEqualTo(404);

        JsonNode pending = http.get("/api/v1/approvals?status=pending", holder.accessToken()).json().path("items");
        assertThat(pending.valueStream().map(a -> a.path("id").asString())).contains(approval);
        JsonNode listed = pending.valueStream().filter(a -> a.path("id").asString().equals(approval)).findFirst().orElseThrow();
        assertThat(listed.path("request").path("body").asString()).contains("Proposed by my assistant");
        assertThat(listed.path("delegate").path("id").asString()).isEqualTo(assistant.id());

        Http.Response approved = http.post("/api/v1/approvals/" + approval + "/approve", holder.accessToken(), null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("applied");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Proposed by my assistant");
        assertThat(http.post("/api/v1/approvals/" + approval + "/approve", holder.accessToken(), null).status()).isEqualTo(409);

        String second = http.patch("/api/v1/profile", token, Map.of("headline", "Another idea")).json().path("id").asString();
        assertThat(http.post("/api/v1/approvals/" + second + "/reject", holder.accessToken(), null).json().path("status").asString())
                .isEqualTo("rejected");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString())
                .isEqualTo("Proposed by my assistant");

        List<JsonNode> log = fixture.activity(holder, "");
        assertThat(entry(log, "approval.request", "success").path("actor").path("id").asString()).isEqualTo(assistant.id());
        assertThat(entry(log, "approval.approve", "denied").path("actor").path("id").asString()).isEqualTo(assistant.id());
        JsonNode applied = log.stream().filter(e -> e.path("action").asString().equals("profile.update")
                && e.path("reason").asString("").contains(approval)).findFirst().orElseThrow();
        assertThat(applied.path("actor").path("kind").asString()).isEqualTo("holder");
        assertThat(applied.path("changes").toString()).contains("Proposed by my assistant");
        assertThat(entry(log, "approval.approve", "success").path("target").path("id").asString()).isEqualTo(approval);
        assertThat(entry(log, "approval.reject", "success").path("target").path("id").asString()).isEqualTo(second);
    }

    /**
     * Found by black-box testing (2026-12-06): a YAML body was taken by every endpoint, and a held
     * one was shown with no fields and approved over a newer value without the conflict check; a
     * held body of a type the endpoint refuses was shown as ready and failed only on approval.
     */
    @Test
    void aBodyThatIsNotJsonIsRefusedAtOnceHeldOrNotAndNothingIsStaged() {
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);

        Http.Response holderYaml = http.send(http.request("/api/v1/profile", holder.accessToken())
                .header("Content-Type", "application/yaml").method("PATCH", BodyPublishers.ofString("headline: Set in YAML\n")).build());
        assertThat(holderYaml.status()).as(holderYaml.body()).isEqualTo(415);
        assertThat(holderYaml.json().path("detail").asString()).startsWith("The body is application/yaml")
                .endsWith("; this address takes application/json or application/*+json.");

        for (String type : new String[] {"application/yaml", "text/plain", "application/x-www-form-urlencoded", "no/such type", null}) {
            HttpRequest.Builder request = http.request("/api/v1/profile", token)
                    .method("PATCH", BodyPublishers.ofString("headline: Proposed in " + type + "\n"));
            Http.Response held = http.send((type == null ? request : request.header("Content-Type", type)).build());
            assertThat(held.status()).as(type + ": " + held.body()).isEqualTo(415);
            assertThat(held.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(held.header("Accept")).isEqualTo("application/json, application/*+json");
            assertThat(held.json().path("detail").asString()).endsWith("; this address takes application/json or application/*+json.");
        }

        assertThat(http.get("/api/v1/approvals", holder.accessToken()).json().path("items")).isEmpty();
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);
        List<JsonNode> refused = fixture.activity(holder, "").stream()
                .filter(e -> e.path("action").asString().equals("profile.update") && e.path("outcome").asString().equals("denied"))
                .toList();
        assertThat(refused).hasSize(5).allSatisfy(e -> assertThat(e.path("reason").asString()).contains("this address takes application/json"));
    }

    /**
     * api.md: a held change is checked as its endpoint checks it before it is held (black-box
     * findings, 2026-12-07): broken JSON, an unknown field, a wrong type and a change that sets
     * nothing were held as ready, and text that is not Unicode failed with a 500. An approval body
     * takes no unknown field, and a change held under access that has since ended or narrowed can
     * no longer be approved.
     */
    @Test
    void aHeldChangeIsCheckedBeforeItIsHeldAndOnlyTheAccessStillGivenCanApproveIt() {
        String before = http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString();
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"headline\":\"tp\"", "The body is not valid JSON of the expected shape.");
        refusals.put("{\"headline\":\"x\",\"bogus\":1}", "Unknown field: bogus. It cannot be set here.");
        refusals.put("{\"headline\":\"\\ud800\"}", "This text has a broken character (half of an emoji or symbol); type it again.");
        refusals.put("{}", "This change sets nothing: name at least one field and its new value.");
        refusals.put("{\"headline\":null}", "This change sets nothing: name at least one field and its new value.");
        refusals.forEach((body, words) -> {
            Http.Response refused = http.send(http.request("/api/v1/profile", token).header("Content-Type", "application/json")
                    .method("PATCH", BodyPublishers.ofString(body)).build());
            assertThat(refused.status()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(body).isEqualTo(words);
        });
        assertThat(http.get("/api/v1/approvals", holder.accessToken()).json().path("items")).as("nothing held").isEmpty();
        assertThat(fixture.activity(holder, "outcome=error")).filteredOn(e -> e.path("action").asString().equals("profile.update"))
                .as("each attempt recorded").hasSize(refusals.size());

        String held = http.patch("/api/v1/profile", token, Map.of("headline", "Held, then access ended")).json().path("id").asString();
        String other = http.patch("/api/v1/profile", token, Map.of("summary", "Held, then narrowed")).json().path("id").asString();
        Http.Response unknown = http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), Map.of("overwrite", true, "x", 1));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asString()).isEqualTo("x");

        assertThat(http.patch("/api/v1/delegations/" + grantId, holder.accessToken(), Map.of("scopes", List.of("profile:read")))
                .status()).isEqualTo(200);
        Http.Response narrowed = http.post("/api/v1/approvals/" + other + "/approve", holder.accessToken(), null);
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(409);
        assertThat(narrowed.json().path("detail").asString()).contains("no longer includes");
        assertThat(http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null).status()).isEqualTo(200);
        Http.Response ended = http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(409);
        assertThat(ended.json().path("detail").asString()).startsWith("The access this change was proposed under has ended");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo(before);
        assertThat(http.post("/api/v1/approvals/" + held + "/reject", holder.accessToken(), null).status())
                .as("it can still be turned down").isEqualTo(200);
    }

    /**
     * api.md: a held contact change is checked by the contacts' own rules before it is held, as the
     * holder's same request would be: a contact without a name, an edit that sets nothing and an
     * interaction without its kind were held (202) and failed only once approved (black-box finding, 2026-12-07).
     */
    @Test
    void aHeldContactChangeTheEndpointWouldRefuseIsRefusedBeforeItIsHeld() {
        String contact = http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", "Ada")).json().path("id").asString();
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:read", "contacts:write"),
                Map.of("review", List.of("contacts:write")));
        String token = fixture.delegationToken(grantId, assistant, null);

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("POST /api/v1/contacts {}", "A contact needs a name.");
        refusals.put("POST /api/v1/contacts {\"company\":\"Acme\"}", "A contact needs a name.");
        refusals.put("PATCH /api/v1/contacts/" + contact + " {}", "This change sets nothing: name at least one field and its new value.");
        refusals.put("POST /api/v1/contacts/" + contact + "/interactions {}", "One of call, email, meeting, message.");
        refusals.forEach((request, words) -> {
            Http.Response refused = send(request, token);
            assertThat(refused.status()).as(request + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(request).isEqualTo(words);
        });
        assertThat(http.get("/api/v1/approvals", holder.accessToken()).json().path("items")).as("nothing held").isEmpty();
        assertThat(http.post("/api/v1/contacts", token, Map.of("name", "Grace")).status()).as("a whole one is held").isEqualTo(202);
    }

    /**
     * api.md: every reviewable endpoint's rules that read nothing stored run before a change is held, the endpoint's
     * own rules and words: an invitation to nobody or to an e-mail address, a message with no text or with control
     * characters, and profile edits the endpoint refuses whatever the profile holds (a skill twice, month 00, a field
     * that cannot be private, a year of 1800) were held as ready and failed once approved (black-box finding, 2026-12-07).
     */
    @Test
    void aHeldInvitationMessageOrProfileEditTheEndpointWouldRefuseIsRefusedBeforeItIsHeld() {
        Member bob = fixture.member("heldbob");
        String grantId = fixture.activeGrant(holder, assistant, List.of("invitations:send", "messages:send", "profile:write"),
                Map.of("review", List.of("invitations:send", "messages:send", "profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        String conversation = "/api/v1/conversations/cnv_AAAAAAAAAAAAAAAAAAAAAA/messages";

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("POST /api/v1/invitations {}", "Say whom to invite: their handle, such as @ana.");
        refusals.put("POST /api/v1/invitations {\"to\":\"x@example.com\"}", "Invite people by their handle, not their e-mail address.");
        refusals.put("POST " + conversation + " {}", "A message needs some text.");
        refusals.put("POST " + conversation + " {\"body\":\"   \"}", "A message needs some text.");
        refusals.put("POST " + conversation + " {\"body\":\"a\\u0007b\"}", "Control characters are not allowed.");
        refusals.put("POST /api/v1/conversations {\"to\":\"" + bob.id() + "\",\"body\":\"a\\u001b[2Jb\"}",
                "Control characters are not allowed.");
        // A first message names whom it goes to, by member id, someone else (black-box finding, 2026-12-07: held).
        refusals.put("POST /api/v1/conversations {\"body\":\"Hi\"}", "No member to write to by that id.");
        refusals.put("POST /api/v1/conversations {\"to\":\"\",\"body\":\"Hi\"}", "No member to write to by that id.");
        refusals.put("POST /api/v1/conversations {\"to\":\"@" + bob.handle() + "\",\"body\":\"Hi\"}", "No member to write to by that id.");
        refusals.put("POST /api/v1/conversations {\"to\":\"" + holder.id() + "\",\"body\":\"Hi\"}", "No member to write to by that id.");
        refusals.put("PATCH /api/v1/profile {\"skills\":[\"Go\",\"GO\"]}", "Listed twice: GO");
        refusals.put("PATCH /api/v1/profile {\"positions\":[{\"title\":\"T\",\"start\":\"2021-00\"}]}",
                "A year and month such as 2024-03.");
        refusals.put("PATCH /api/v1/profile {\"privateFields\":[\"handle\"]}",
                "Only these fields can be private: education, location, positions, skills, summary.");
        refusals.put("PATCH /api/v1/profile {\"education\":[{\"school\":\"S\",\"startYear\":1800}]}", "Not a plausible year.");
        refusals.forEach((request, words) -> {
            Http.Response refused = send(request, token);
            assertThat(refused.status()).as(request + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(request).isEqualTo(words);
            // The holder's own request is refused in the same words: the same rule, not a copy of it.
            Http.Response own = send(request, holder.accessToken());
            assertThat(own.json().path("detail").asString()).as("the holder's " + request).isEqualTo(words);
        });
        assertThat(http.get("/api/v1/approvals", holder.accessToken()).json().path("items")).as("nothing held").isEmpty();
        assertThat(fixture.activity(holder, "outcome=error")).filteredOn(e -> e.path("actor").path("id").asString().equals(assistant.id()))
                .as("each attempt recorded").hasSize(refusals.size());
        assertThat(http.post("/api/v1/invitations", token, Map.of("to", bob.handle())).status()).as("a whole one is held").isEqualTo(202);
        assertThat(http.post(conversation, token, Map.of("body", "Hello")).status()).isEqualTo(202);
    }

    /**
     * api.md: a held contacts import is checked as the import checks its file before it reads a row: a format that is
     * neither CSV nor vCard, a file that does not read as its format and one of more than 5,000 rows were held as ready
     * and failed once approved (black-box finding, 2026-12-07). Each is refused as the holder's own import is, in the
     * same words, nothing is held, and each attempt is in the holder's log.
     */
    @Test
    void aHeldContactsImportTheImportWouldRefuseIsRefusedBeforeItIsHeld() {
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:write"), Map.of("review", List.of("contacts:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        StringBuilder many = new StringBuilder("Name\n");
        for (int row = 0; row <= 5000; row++) {
            many.append('n').append(row).append('\n');
        }

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("?format=xml text/csv Name\nAda\n", "The format is csv or vcard; \u201cxml\u201d is neither.");
        refusals.put("?format=vCard text/vcard BEGIN:VCARD\nFN:Ada\nEND:VCARD\n", "The format is csv or vcard; \u201cvCard\u201d is neither.");
        refusals.put(" text/csv Name,Email\n\"Ada,ada@example.com\n", null);
        refusals.put(" text/vcard BEGIN:VCARD\nFN:Ada\n", null);
        refusals.put(" text/vcard Name,Email\nAda,ada@example.com\n", null);
        refusals.put(" text/csv " + many, "At most 5000 contacts per import; nothing was imported.");
        refusals.forEach((request, words) -> {
            String[] parts = request.split(" ", 3);
            Http.Response refused = importFile(token, parts[0], parts[1], parts[2]);
            String shown = request.substring(0, Math.min(60, request.length()));
            assertThat(refused.status()).as(shown + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            Http.Response own = importFile(holder.accessToken(), parts[0], parts[1], parts[2]);
            assertThat(own.status()).as("the holder's " + shown).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(shown).isEqualTo(own.json().path("detail").asString());
            if (words != null) {
                assertThat(refused.json().path("detail").asString()).as(shown).isEqualTo(words);
            }
        });
        assertThat(http.get("/api/v1/approvals", holder.accessToken()).json().path("items")).as("nothing held").isEmpty();
        assertThat(http.get("/api/v1/contacts", holder.accessToken()).json().path("items")).isEmpty();
        assertThat(fixture.activity(holder, "action=contact.import&outcome=error"))
                .filteredOn(e -> e.path("actor").path("id").asString().equals(assistant.id()))
                .as("each attempt recorded").hasSize(refusals.size());

        Http.Response whole = importFile(token, "", "text/csv", "\uFEFFName,Email\nAda,ada@example.com\n");
        assertThat(whole.status()).as("a readable file is held: " + whole.body()).isEqualTo(202);
        assertThat(http.post("/api/v1/approvals/" + whole.json().path("id").asString() + "/approve", holder.accessToken(), null)
                .json().path("status").asString()).isEqualTo("applied");
        assertThat(http.get("/api/v1/contacts", holder.accessToken()).json().path("items").get(0).path("name").asString())
                .isEqualTo("Ada");
    }

    private Http.Response importFile(String token, String query, String type, String file) {
        return http.send(http.request("/api/v1/contacts/import" + query, token).header("Content-Type", type)
                .POST(BodyPublishers.ofString(file)).build());
    }

    @Test
    void twoHeldChangesApprovedInTurnKeepBothAndTheReviewNamesTheHelperAndEachFieldBeforeAndAfter() {
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", "Engineer", "location", "Porto",
                "summary", "Builds things.")).status()).isEqualTo(200);
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);

        String first = http.patch("/api/v1/profile", token, Map.of("headline", "Staff engineer", "location", "Lisbon"))
                .json().path("id").asString();
        String second = http.patch("/api/v1/profile", token, Map.of("summary", "Builds teams.", "skills", List.of("Java", "Leading")))
                .json().path("id").asString();

        JsonNode listed = http.get("/api/v1/approvals?status=pending", holder.accessToken()).json().path("items");
        JsonNode shown = listed.valueStream().filter(a -> a.path("id").asString().equals(first)).findFirst().orElseThrow();
        assertThat(shown.path("delegate").path("displayName").asString()).isEqualTo("Test " + assistant.handle());
        assertThat(shown.path("delegate").path("handle").asString()).isEqualTo(assistant.handle());
        assertThat(shown.path("state").asString()).isEqualTo("ready");
        assertThat(shown.path("changes").valueStream().map(c -> c.path("label").asString() + ": " + c.path("before").asString()
                + " -> " + c.path("after").asString()).toList())
                .containsExactly("Headline: Engineer -> Staff engineer", "Location: Porto -> Lisbon");

        assertThat(http.post("/api/v1/approvals/" + first + "/approve", holder.accessToken(), null).json().path("status").asString())
                .isEqualTo("applied");
        assertThat(http.post("/api/v1/approvals/" + second + "/approve", holder.accessToken(), null).json().path("status").asString())
                .isEqualTo("applied");
        JsonNode profile = http.get("/api/v1/profile", holder.accessToken()).json();
        assertThat(profile.path("headline").asString()).isEqualTo("Staff engineer");
        assertThat(profile.path("location").asString()).isEqualTo("Lisbon");
        assertThat(profile.path("summary").asString()).isEqualTo("Builds teams.");
        assertThat(profile.path("skills").toString()).isEqualTo("[\"Java\",\"Leading\"]");

        // The helper sees their own proposals and what became of them, with their own token only.
        JsonNode mine = http.get("/api/v1/approvals?role=delegate", assistant.accessToken()).json().path("items");
        assertThat(mine.valueStream().map(a -> a.path("status").asString()).toList()).containsExactly("applied", "applied");
        JsonNode secondShown = mine.valueStream().filter(a -> a.path("id").asString().equals(second)).findFirst().orElseThrow();
        assertThat(secondShown.path("holder").path("handle").asString()).isEqualTo(holder.handle());
        assertThat(secondShown.path("changes").get(0).path("label").asString()).isEqualTo("Summary");
        // What they proposed, not the account's value before it, which they may not read (DESIGN.md section 4): a helper
        // with profile:write alone read private fields as the "before" of their proposals (black-box finding, 2026-12-07).
        assertThat(secondShown.path("changes").get(0).path("after").asString()).isEqualTo("Builds teams.");
        assertThat(mine.toString()).doesNotContain("Builds things.").doesNotContain("Porto").doesNotContain("\"Engineer\"");
        assertThat(http.get("/api/v1/approvals?role=delegate", holder.accessToken()).json().path("items")).isEmpty();
        assertThat(http.get("/api/v1/approvals?role=delegate", token).status()).isEqualTo(403);
        assertThat(entry(fixture.activity(holder, "outcome=denied"), "approval.list", "denied").path("actor").path("id").asString())
                .isEqualTo(assistant.id());
    }

    /**
     * docs/delegation.md, "Review": only the fields a held change sets are applied, so held changes of one contact
     * approved at once all stay. Each applied change wrote back the whole contact as it had read it: five approved
     * at once all answered "applied", each had its entry, and one field stayed (black-box finding, 2026-12-07).
     */
    @Test
    void heldChangesOfOneContactApprovedAtOnceAllStayEachWithItsEntry() throws Exception {
        String contact = http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", "Race Contact", "company", "Acme",
                "title", "CTO")).json().path("id").asString();
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:read", "contacts:write"),
                Map.of("review", List.of("contacts:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        for (int round = 0; round < 2; round++) {
            Map<String, String> fields = Map.of("notes", "notes " + round, "title", "title " + round, "company", "company " + round,
                    "name", "name " + round, "tags", "tag" + round);
            List<Callable<Http.Response>> approvals = new ArrayList<>();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                Object value = field.getKey().equals("tags") ? List.of(field.getValue()) : field.getValue();
                Http.Response held = http.patch("/api/v1/contacts/" + contact, token, Map.of(field.getKey(), value));
                assertThat(held.status()).as(held.toString()).isEqualTo(202);
                String id = held.json().path("id").asString();
                approvals.add(() -> http.post("/api/v1/approvals/" + id + "/approve", holder.accessToken(), null));
            }

            List<Http.Response> answers = AtOnce.all(approvals);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.json().path("status").asString()).as(answer.toString())
                    .isEqualTo("applied"));
            JsonNode kept = http.get("/api/v1/contacts/" + contact, holder.accessToken()).json();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                JsonNode value = kept.path(field.getKey());
                assertThat(value.isArray() ? value.get(0).asString() : value.asString()).as("round %d: %s", round, field.getKey())
                        .isEqualTo(field.getValue());
            }
            List<JsonNode> applied = fixture.activity(holder, "action=contact.update").stream()
                    .filter(e -> e.path("reason").asString("").startsWith("Applies approval")).toList();
            assertThat(applied).as("round %d", round).hasSize(fields.size() * (round + 1));
        }
    }

    /**
     * DESIGN.md section 2 rule 5 and docs/delegation.md: a change held under a grant is applied only while the grant
     * stands. An approval racing a revocation is either applied before the revocation (its entries come first in the
     * log) or refused with 409 after it; the grant was read without its lock, so the change was applied after the
     * revocation had committed (black-box finding, 2026-12-07: four runs in five).
     */
    @Test
    void anApprovalRacingARevocationIsAppliedBeforeItOrRefused() throws Exception {
        for (int round = 0; round < 6; round++) {
            String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
            String token = fixture.delegationToken(grantId, assistant, null);
            String location = "Race " + round;
            String approval = http.patch("/api/v1/profile", token, Map.of("location", location)).json().path("id").asString();

            List<Http.Response> answers = AtOnce.all(List.of(
                    () -> http.post("/api/v1/approvals/" + approval + "/approve", holder.accessToken(), null),
                    () -> http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null)));

            assertThat(answers.get(1).status()).as(answers.get(1).toString()).isEqualTo(200);
            List<JsonNode> log = fixture.activity(holder, "");
            long revoked = log.stream().filter(e -> e.path("action").asString().equals("delegation.revoke")
                    && e.path("target").path("id").asString().equals(grantId)).findFirst().orElseThrow().path("seq").asLong();
            Http.Response approved = answers.get(0);
            if (approved.status() == 200) {
                assertThat(approved.json().path("status").asString()).isEqualTo("applied");
                JsonNode applied = log.stream().filter(e -> e.path("reason").asString("").equals("Applies approval " + approval + "."))
                        .findFirst().orElseThrow();
                assertThat(applied.path("seq").asLong()).as("round %d: applied before the revocation", round).isLessThan(revoked);
            } else {
                assertThat(approved.status()).as(approved.toString()).isEqualTo(409);
                assertThat(approved.json().path("detail").asString()).startsWith("The access this change was proposed under has ended");
                assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("location").asString())
                        .as("round %d", round).isNotEqualTo(location);
            }
        }
    }

    /**
     * docs/activity-log.md: the holder's decisions on helpers' work are recorded, the refused ones too, so that the
     * log shows two decisions that collided or an undo tried twice. A refused approve, reject or undo (409, 400)
     * wrote nothing, while the same calls with an unknown id were recorded (black-box finding, 2026-12-07).
     */
    @Test
    void refusedApprovalsRejectionsAndUndosAreRecordedWithTheirAnswer() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        String held = http.patch("/api/v1/profile", token, Map.of("headline", "Recorded decisions")).json().path("id").asString();
        assertThat(http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), null).status()).isEqualTo(200);

        assertThat(http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), null).status()).isEqualTo(409);
        assertThat(http.post("/api/v1/approvals/" + held + "/reject", holder.accessToken(), null).status()).isEqualTo(409);
        String applied = fixture.activity(holder, "action=profile.update").get(0).path("id").asString();
        assertThat(http.post("/api/v1/activity/" + applied + "/revert", holder.accessToken(), null).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/activity/" + applied + "/revert", holder.accessToken(), null).status()).isEqualTo(409);
        String undo = entry(fixture.activity(holder, "action=activity.revert"), "activity.revert", "success").path("id").asString();
        assertThat(http.post("/api/v1/activity/" + undo + "/revert", holder.accessToken(), null).status()).isEqualTo(400);

        List<JsonNode> refused = fixture.activity(holder, "outcome=error");
        assertThat(refused.stream().map(e -> e.path("action").asString() + " " + e.path("target").path("id").asString() + ": "
                + e.path("reason").asString())).containsExactly(
                "activity.revert " + undo + ": Only a change made by a helper or an app (or one you approved) can be undone here.",
                "activity.revert " + applied + ": This change was already undone.",
                "approval.reject " + held + ": This change was already applied.",
                "approval.approve " + held + ": This change was already applied.");
        assertThat(refused).allSatisfy(e -> assertThat(e.path("actor").path("id").asString()).isEqualTo(holder.id()));
    }

    @Test
    void aHeldChangeThatAFieldWasChangedSinceIsFlaggedAndApprovedOnlyWithAnExplicitOverwrite() {
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", "Engineer")).status()).isEqualTo(200);
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of("review", List.of("profile:write")));
        String token = fixture.delegationToken(grantId, assistant, null);
        String held = http.patch("/api/v1/profile", token, Map.of("headline", "Staff engineer")).json().path("id").asString();
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", "Principal engineer")).status()).isEqualTo(200);

        JsonNode shown = http.get("/api/v1/approvals?status=pending", holder.accessToken()).json().path("items").get(0);
        assertThat(shown.path("state").asString()).isEqualTo("conflict");
        assertThat(shown.path("changes").get(0).path("current").asString()).isEqualTo("Principal engineer");
        assertThat(shown.path("changes").get(0).path("conflict").asBoolean()).isTrue();

        Http.Response refused = http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).startsWith("Headline was changed after this was proposed");
        assertThat(refused.json().path("fields").toString()).isEqualTo("[\"headline\"]");
        assertThat(http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), Map.of("overwrite", "yes")).status())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Principal engineer");

        Http.Response approved = http.post("/api/v1/approvals/" + held + "/approve", holder.accessToken(), Map.of("overwrite", true));
        assertThat(approved.json().path("status").asString()).as(approved.toString()).isEqualTo("applied");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Staff engineer");
        assertThat(entry(fixture.activity(holder, "action=approval.approve"), "approval.approve", "success").path("changes").toString())
                .contains("overwrote").contains("Headline");
    }

    @Test
    void theHolderUndoesAHelpersProfileChangeOnceAndOnlyWhileTheFieldsStillHoldIt() {
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", "Engineer", "location", "Porto")).status())
                .isEqualTo(200);
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);
        assertThat(http.patch("/api/v1/profile", token, Map.of("headline", "Staff engineer")).status()).isEqualTo(200);
        assertThat(http.patch("/api/v1/profile", token, Map.of("location", "Lisbon")).status()).isEqualTo(200);
        List<JsonNode> updates = fixture.activity(holder, "action=profile.update");
        String locationChange = updates.get(0).path("id").asString();
        String headlineChange = updates.get(1).path("id").asString();

        // A delegate may not undo anything, and the attempt is recorded.
        assertThat(http.post("/api/v1/activity/" + headlineChange + "/revert", token, null).status()).isEqualTo(403);
        assertThat(entry(fixture.activity(holder, "outcome=denied"), "activity.revert", "denied").path("actor").path("id")
                .asString()).isEqualTo(assistant.id());

        Http.Response undone = http.post("/api/v1/activity/" + headlineChange + "/revert", holder.accessToken(), null);
        assertThat(undone.status()).as(undone.toString()).isEqualTo(200);
        assertThat(undone.json().path("reverts").asString()).isEqualTo(headlineChange);
        JsonNode profile = http.get("/api/v1/profile", holder.accessToken()).json();
        assertThat(profile.path("headline").asString()).isEqualTo("Engineer");
        assertThat(profile.path("location").asString()).as("the other change stays").isEqualTo("Lisbon");
        JsonNode revert = entry(fixture.activity(holder, "action=activity.revert"), "activity.revert", "success");
        assertThat(revert.path("target").path("id").asString()).isEqualTo(headlineChange);
        assertThat(revert.path("actor").path("kind").asString()).isEqualTo("holder");
        assertThat(revert.path("changes").toString()).contains("Staff engineer").contains("Engineer");

        Http.Response twice = http.post("/api/v1/activity/" + headlineChange + "/revert", holder.accessToken(), null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("detail").asString()).isEqualTo("This change was already undone.");

        // Changed again since: the undo would throw the newer change away, so it is refused and nothing changes.
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("location", "Faro")).status()).isEqualTo(200);
        Http.Response moved = http.post("/api/v1/activity/" + locationChange + "/revert", holder.accessToken(), null);
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.json().path("detail").asString()).startsWith("Location was changed again since");
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("location").asString()).isEqualTo("Faro");

        // Not a change, another account's entry, no entry at all: refused in plain words; the last two alike.
        assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(200);
        String read = fixture.activity(holder, "action=profile.read").get(0).path("id").asString();
        Http.Response notAChange = http.post("/api/v1/activity/" + read + "/revert", holder.accessToken(), null);
        assertThat(notAChange.status()).isEqualTo(400);
        assertThat(notAChange.json().path("detail").asString()).startsWith("This entry is not a change that can be undone");
        Http.Response foreign = http.post("/api/v1/activity/" + headlineChange + "/revert", assistant.accessToken(), null);
        Http.Response missing = http.post("/api/v1/activity/act_NoSuchEntry0000000000/revert", assistant.accessToken(), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().path("detail").asString()).isEqualTo(missing.json().path("detail").asString());
    }

    /**
     * An activity entry id is one string (DESIGN.md section 3; docs/security.md rule 26): another
     * spelling of it is no entry to undo, so it never becomes the "reverts" of the answer nor the
     * target of the holder's activity.revert entry, and the entry is then undone once, by its id.
     * Trailing spaces found the entry on every MySQL collation, case and accents on the server's
     * default one (the audit's {@code EntryIdCollationTest}) (black-box finding, 2026-12-07).
     */
    @Test
    void anEntryIdInAnotherSpellingIsNoEntryToUndo() {
        assertThat(http.patch("/api/v1/profile", holder.accessToken(), Map.of("headline", "Engineer")).status()).isEqualTo(200);
        String token = fixture.delegationToken(fixture.activeGrant(holder, assistant, PROFILE, Map.of()), assistant, null);
        assertThat(http.patch("/api/v1/profile", token, Map.of("headline", "Staff engineer")).status()).isEqualTo(200);
        String change = fixture.activity(holder, "action=profile.update").get(0).path("id").asString();

        for (String spelling : List.of(change + "%20%20", change + "%20", change.toUpperCase(java.util.Locale.ROOT),
                change.replaceFirst("_.", "_%C3%A9"))) {
            Http.Response undone = http.post("/api/v1/activity/" + spelling + "/revert", holder.accessToken(), null);
            assertThat(undone.status()).as(spelling).isEqualTo(404);
        }
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Staff engineer");
        assertThat(fixture.activity(holder, "action=activity.revert")).extracting(e -> e.path("outcome").asString())
                .doesNotContain("success");

        Http.Response undone = http.post("/api/v1/activity/" + change + "/revert", holder.accessToken(), null);
        assertThat(undone.status()).as(undone.toString()).isEqualTo(200);
        assertThat(undone.json().path("reverts").asString()).isEqualTo(change);
        assertThat(entry(fixture.activity(holder, "action=activity.revert"), "activity.revert", "success").path("target").path("id")
                .asString()).isEqualTo(change);
        assertThat(http.post("/api/v1/activity/" + change + "/revert", holder.accessToken(), null).status()).isEqualTo(409);
    }

    @Test
    void undoingAHelpersInvitationWithdrawsASentOneAndSaysPlainlyThatAnAcceptedOneStays() {
        Member other = fixture.member("other");
        Member sender = fixture.member("sender");
        String grantId = fixture.activeGrant(holder, assistant, List.of("invitations:send", "invitations:respond"), Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);
        Http.Response sent = http.post("/api/v1/invitations", token, Map.of("to", other.id()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String received = http.post("/api/v1/invitations", sender.accessToken(), Map.of("to", holder.id())).json().path("id").asString();
        assertThat(http.post("/api/v1/invitations/" + received + "/accept", token, null).status()).isEqualTo(200);

        String send = entry(fixture.activity(holder, "action=invitation.send"), "invitation.send", "success").path("id").asString();
        Http.Response withdrawn = http.post("/api/v1/activity/" + send + "/revert", holder.accessToken(), null);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(http.get("/api/v1/invitations?direction=received", other.accessToken()).json().path("items").get(0)
                .path("status").asString()).isEqualTo("withdrawn");

        String accept = entry(fixture.activity(holder, "action=invitation.accept"), "invitation.accept", "success").path("id").asString();
        Http.Response stays = http.post("/api/v1/activity/" + accept + "/revert", holder.accessToken(), null);
        assertThat(stays.status()).isEqualTo(409);
        assertThat(stays.json().path("detail").asString()).startsWith("An accepted invitation cannot be un-accepted");
    }

    /**
     * Black-box finding 11, 2026-12-07: undoing a helper's decline put the invitation back whatever had happened
     * since: a second open invitation between the two, one between members already connected (accepting it
     * answered 200 and posted the old note again), one from a sender who had closed the account (accepting it
     * connected the holder with a closed account). An undo now meets the rules of a new invitation: refused in
     * plain words, nothing changed, the refusal recorded; and an invitation between connected members is never accepted.
     */
    @Test
    void undoingAHelpersDeclineMeetsTheRulesOfANewInvitation() {
        String token = fixture.delegationToken(fixture.activeGrant(holder, assistant, List.of("invitations:respond"), Map.of()),
                assistant, null);
        Member reinvited = fixture.member("again");
        String[] openAgain = declinedByHelper(reinvited, token);
        assertThat(http.post("/api/v1/invitations", holder.accessToken(), Map.of("to", reinvited.id())).status()).isEqualTo(201);
        Member connected = fixture.member("conn");
        String[] connectedSince = declinedByHelper(connected, token);
        String theirs = http.post("/api/v1/invitations", holder.accessToken(), Map.of("to", connected.id())).json().path("id").asString();
        assertThat(http.post("/api/v1/invitations/" + theirs + "/accept", connected.accessToken(), null).status()).isEqualTo(200);
        Member gone = fixture.member("gone");
        String[] closedSince = declinedByHelper(gone, token);
        assertThat(http.post("/api/v1/account/close", gone.accessToken(), Map.of("password", gone.password())).status()).isEqualTo(204);

        Map<String, String> refusals = new LinkedHashMap<>();
        for (String[] declined : List.of(openAgain, connectedSince, closedSince)) {
            Http.Response undo = http.post("/api/v1/activity/" + declined[1] + "/revert", holder.accessToken(), null);
            assertThat(undo.status()).as(undo.toString()).isEqualTo(409);
            assertThat(undo.header("Content-Type")).startsWith("application/problem+json");
            refusals.put(declined[1], undo.json().path("detail").asString());
        }

        assertThat(refusals.values()).containsExactly(
                "Another invitation between you is open now, so this one cannot be put back.",
                "You are already connected, so this invitation cannot be put back.",
                "Its sender has closed their account, so this invitation cannot be put back.");
        List<String> received = new ArrayList<>();
        http.get("/api/v1/invitations?direction=received&limit=100", holder.accessToken()).json().path("items")
                .forEach(i -> received.add(i.path("id").asString() + " " + i.path("status").asString()));
        assertThat(received).as("nothing was put back").contains(openAgain[0] + " declined", connectedSince[0] + " declined",
                closedSince[0] + " declined");
        assertThat(fixture.activity(holder, "outcome=error")).filteredOn(e -> e.path("action").asString().equals("activity.revert"))
                .extracting(e -> e.path("target").path("id").asString() + ": " + e.path("reason").asString())
                .containsExactlyInAnyOrderElementsOf(refusals.entrySet().stream().map(r -> r.getKey() + ": " + r.getValue()).toList());

        // An invitation that an earlier undo put back between members connected since is not accepted either.
        jdbc.update("UPDATE network_invitation SET status = 'PENDING', answered_at = NULL WHERE id = ?", connectedSince[0]);
        Http.Response accepted = http.post("/api/v1/invitations/" + connectedSince[0] + "/accept", holder.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(409);
        assertThat(accepted.json().path("detail").asString()).isEqualTo("You are already connected.");
        assertThat(http.get("/api/v1/invitations?direction=received&limit=100", holder.accessToken()).json().path("items").toString())
                .contains("\"id\":\"" + connectedSince[0] + "\",\"status\":\"pending\"");
    }

    /** An invitation from {@code sender} to the holder, declined by the helper: its id and the decline's entry id. */
    private String[] declinedByHelper(Member sender, String token) {
        String id = http.post("/api/v1/invitations", sender.accessToken(), Map.of("to", holder.id(), "message", "Hello")).json()
                .path("id").asString();
        assertThat(http.post("/api/v1/invitations/" + id + "/decline", token, null).status()).isEqualTo(200);
        String entry = fixture.activity(holder, "action=invitation.decline").stream()
                .filter(e -> e.path("target").path("id").asString().equals(id)).findFirst().orElseThrow().path("id").asString();
        return new String[] {id, entry};
    }

    @Test
    void undoingAHelpersContactEditPutsTheOldValuesBackAndAnAddedContactIsRemoved() {
        String contact = http.post("/api/v1/contacts", holder.accessToken(), Map.of("name", "Clive Smith", "company", "Acme"))
                .json().path("id").asString();
        String grantId = fixture.activeGrant(holder, assistant, List.of("contacts:read", "contacts:write"), Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);
        assertThat(http.patch("/api/v1/contacts/" + contact, token, Map.of("company", "Globex")).status()).isEqualTo(200);
        String added = http.post("/api/v1/contacts", token, Map.of("name", "Dana Added")).json().path("id").asString();

        String edit = entry(fixture.activity(holder, "action=contact.update"), "contact.update", "success").path("id").asString();
        assertThat(http.post("/api/v1/activity/" + edit + "/revert", holder.accessToken(), null).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/contacts/" + contact, holder.accessToken()).json().path("company").asString()).isEqualTo("Acme");
        String create = entry(fixture.activity(holder, "action=contact.create"), "contact.create", "success").path("id").asString();
        assertThat(http.post("/api/v1/activity/" + create + "/revert", holder.accessToken(), null).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/contacts/" + added, holder.accessToken()).status()).isEqualTo(404);

        // Black-box testing, 2026-12-07: the addition recorded the name alone, so an undo removed a contact the
        // holder had added notes and a phone number to since. Every field is recorded now, and any one changed refuses.
        String yolanda = http.post("/api/v1/contacts", token, Map.of("name", "Yolanda", "company", "Orig", "notes", "important"))
                .json().path("id").asString();
        JsonNode added2 = fixture.activity(holder, "action=contact.create").get(0);
        assertThat(added2.path("changes").findValuesAsString("field")).containsExactly("name", "emails", "phones", "company", "title",
                "notes", "tags");
        assertThat(http.patch("/api/v1/contacts/" + yolanda, holder.accessToken(),
                Map.of("notes", "hana added a very important note", "phones", List.of("+1 555 0100"))).status()).isEqualTo(200);
        Http.Response kept = http.post("/api/v1/activity/" + added2.path("id").asString() + "/revert", holder.accessToken(), null);
        assertThat(kept.status()).as(kept.toString()).isEqualTo(409);
        assertThat(kept.header("Content-Type")).startsWith("application/problem+json");
        assertThat(kept.json().path("detail").asString()).isEqualTo("Phone numbers and Notes were changed again since, so undoing "
                + "would throw that newer change away. Nothing was changed.");
        assertThat(http.get("/api/v1/contacts/" + yolanda, holder.accessToken()).json().path("notes").asString())
                .isEqualTo("hana added a very important note");
    }

    @Test
    void expiryAndLapseAreRecordedOnceEachByTheSweep() throws Exception {
        String expiring = fixture.activeGrant(holder, assistant, PROFILE,
                Map.of("expiresAt", Instant.now().plusSeconds(2).toString()));
        String stale = fixture.grant(holder, fixture.member("late"), PROFILE, Map.of()).path("id").asString();
        // A pending grant made eight days ago: the clock of the running server is not ours to move.
        jdbc.update("UPDATE delegation_grant SET created_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minus(8, ChronoUnit.DAYS)), stale);
        Thread.sleep(2_200);

        // The scheduled sweep may have run during the wait: which run ends them does not matter, that
        // each ending is recorded exactly once does (the assertions on the log below).
        sweeper.sweep();
        sweeper.sweep();

        List<JsonNode> log = fixture.activity(holder, "actor=behalf");
        assertThat(log.stream().filter(e -> e.path("grantId").asString().equals(expiring)).map(e -> e.path("action").asString()))
                .containsExactly("delegation.expire");
        assertThat(log.stream().filter(e -> e.path("grantId").asString().equals(stale)).map(e -> e.path("action").asString()))
                .containsExactly("delegation.lapse");
        assertThat(log).allSatisfy(e -> assertThat(e.path("actor").path("kind").asString()).isEqualTo("system"));
        assertThat(http.get("/api/v1/delegations/" + expiring, holder.accessToken()).json().path("status").asString()).isEqualTo("expired");
        assertThat(http.get("/api/v1/delegations/" + stale, holder.accessToken()).json().path("status").asString()).isEqualTo("lapsed");
        assertThat(fixture.exchange(expiring, assistant.accessToken(), null).status()).isEqualTo(400);
    }

    @Test
    void hoursAndAddressRangesOfAGrantAreEnforced() {
        // A holder's zone where it is now between 12:00 and 13:00, whatever the hour of the test run.
        int offset = 12 - java.time.LocalTime.now(java.time.ZoneOffset.UTC).getHour();
        // An IANA name, as a grant's zone must be: Etc/GMT-5 is UTC+5 (the database's signs are POSIX's).
        String zone = offset == 0 ? "UTC" : String.format("Etc/GMT%s%d", offset > 0 ? "-" : "+", Math.abs(offset));
        List<String> everyDay = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
        Http.Response unzoned = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", PROFILE, "window", Map.of("days", everyDay, "start", "11:00", "end", "14:00")));
        assertThat(unzoned.status()).isEqualTo(400);
        assertThat(unzoned.json().path("field").asString()).isEqualTo("timeZone");
        String inHours = fixture.activeGrant(holder, assistant, PROFILE, Map.of("window",
                Map.of("days", everyDay, "start", "11:00", "end", "14:00"), "timeZone", zone));
        assertThat(http.get("/api/v1/profile", fixture.delegationToken(inHours, assistant, null)).status()).isEqualTo(200);
        String outsideHours = fixture.activeGrant(holder, assistant, PROFILE, Map.of("window",
                Map.of("days", everyDay, "start", "15:00", "end", "16:00"), "timeZone", zone));
        Http.Response hours = http.get("/api/v1/profile", fixture.delegationToken(outsideHours, assistant, null));
        assertThat(hours.status()).isEqualTo(403);
        assertThat(hours.json().path("detail").asString()).contains("hours");
        assertThat(entry(fixture.activity(holder, "outcome=denied"), "profile.read", "denied").path("grantId").asString())
                .isEqualTo(outsideHours);

        Member other = fixture.member("ipcheck");
        String elsewhere = fixture.activeGrant(other, assistant, PROFILE, Map.of("ipRanges", List.of("203.0.113.0/24")));
        Http.Response address = http.get("/api/v1/profile", fixture.delegationToken(elsewhere, assistant, null));
        assertThat(address.status()).isEqualTo(403);
        assertThat(address.json().path("detail").asString()).contains("address");
        // Only the console may name the browser's address, and only with its own token: anyone else
        // who sends the header is checked against the connection's address, and recorded with it.
        Http.Response spoofed = http.send(http.request("/api/v1/profile", fixture.delegationToken(elsewhere, assistant, null))
                .header(org.behalf.kernel.ClientAddress.BROWSER_ADDRESS_HEADER, "203.0.113.7").GET().build());
        assertThat(spoofed.status()).isEqualTo(403);
        JsonNode refusal = fixture.activity(other, "outcome=denied").get(0);
        assertThat(refusal.path("ip").asString()).isNotEqualTo("203.0.113.7");
        String local = fixture.activeGrant(other, fixture.member("iplocal"), PROFILE, Map.of("ipRanges", List.of("127.0.0.0/8", "::1/128")));
        assertThat(local).isNotBlank();
    }

    @Test
    void revocationRacingActionsEitherCommitsBeforeOrRefusesEachOne() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            work.add(() -> http.patch("/api/v1/profile", token, Map.of("summary", "edit " + n)).status());
        }
        work.add(10, () -> http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null).status());

        List<Integer> statuses = AtOnce.all(work);

        long succeeded = statuses.stream().filter(s -> s == 200).count() - 1;
        List<JsonNode> log = fixture.activity(holder, "");
        long revokeSeq = entry(log, "delegation.revoke", "success").path("seq").asLong();
        List<JsonNode> updates = log.stream().filter(e -> e.path("action").asString().equals("profile.update")).toList();
        assertThat(updates.stream().filter(e -> e.path("outcome").asString().equals("success")).count()).isEqualTo(succeeded);
        assertThat(updates).allSatisfy(e -> assertThat(e.path("outcome").asString())
                .isEqualTo(e.path("seq").asLong() < revokeSeq ? "success" : "denied"));
    }

    /**
     * A revocation waits for each exchange checked before it, and each one after it is refused
     * (SECURITY-CASES 7); no token issued before the revocation outlives it.
     */
    @Test
    void revocationRacingExchangesOfOneGrantEitherIssuesBeforeOrRefusesEachOne() throws Exception {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        List<Callable<Http.Response>> work = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            work.add(() -> fixture.exchange(grantId, assistant.accessToken(), null));
        }
        work.add(10, () -> http.post("/api/v1/delegations/" + grantId + "/revoke", holder.accessToken(), null));

        List<Http.Response> answers = AtOnce.all(work);

        assertThat(answers.get(10).status()).isEqualTo(200);
        List<Http.Response> exchanges = new ArrayList<>(answers);
        exchanges.remove(10);
        assertThat(exchanges).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(200, 400));
        List<String> issued = exchanges.stream().filter(answer -> answer.status() == 200)
                .map(answer -> answer.json().path("access_token").asString()).toList();
        assertThat(exchanges.stream().filter(answer -> answer.status() == 400))
                .allSatisfy(refused -> assertThat(refused.json().path("error").asString()).isEqualTo("invalid_grant"));
        List<JsonNode> log = fixture.activity(holder, "action=delegation.exchange");
        long revokeSeq = entry(fixture.activity(holder, ""), "delegation.revoke", "success").path("seq").asLong();
        assertThat(log).hasSize(20).allSatisfy(e -> assertThat(e.path("outcome").asString())
                .isEqualTo(e.path("seq").asLong() < revokeSeq ? "success" : "denied"));
        assertThat(log.stream().filter(e -> e.path("outcome").asString().equals("success")).count()).isEqualTo(issued.size());
        assertThat(issued).allSatisfy(token -> {
            Http.Response after = http.get("/api/v1/profile", token);
            assertThat(after.status()).isEqualTo(403);
            assertThat(after.json().path("detail").asString()).contains("revoked");
        });
    }

    @Test
    void anotherHoldersGrantIsNotFoundAndUnknownFieldsAreRefused() {
        String grantId = fixture.grant(holder, assistant, PROFILE, Map.of()).path("id").asString();
        Member other = fixture.member("other");

        Http.Response foreign = http.get("/api/v1/delegations/" + grantId, other.accessToken());
        Http.Response missing = http.get("/api/v1/delegations/grt_doesnotexist", other.accessToken());
        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().path("detail").asString()).isEqualTo(missing.json().path("detail").asString());
        assertThat(http.post("/api/v1/delegations/" + grantId + "/revoke", other.accessToken(), null).status()).isEqualTo(404);
        // SECURITY-CASES 20: each reach is recorded, in the prober's own log, naming nothing of the other account.
        List<JsonNode> probes = fixture.activity(other, "outcome=denied");
        assertThat(probes).hasSize(3).allSatisfy(probe -> {
            assertThat(probe.path("actor").path("id").asString()).isEqualTo(other.id());
            assertThat(probe.toString()).doesNotContain(holder.id());
        });
        assertThat(fixture.activity(holder, "outcome=denied")).isEmpty();

        Http.Response extra = http.patch("/api/v1/delegations/" + grantId, holder.accessToken(), Map.of("holderId", other.id()));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().path("detail").asString()).contains("holderId");
    }

    /**
     * An expiry is ISO-8601 text and a daily limit a JSON whole number (DESIGN.md section 6; the API
     * document; docs/api.md: each field of its type): a number was read as seconds since 1970, and
     * text as a quota (black-box finding, 2026-12-07). Refused in plain words naming the field, and
     * nothing changes.
     */
    @Test
    void aNumberForTheExpiryOrTextForAQuotaIsOfTheWrongType() {
        long inFiveDays = Instant.now().plus(5, ChronoUnit.DAYS).getEpochSecond();
        for (String body : List.of("{\"delegate\":\"" + assistant.handle() + "\",\"scopes\":[\"profile:read\"],\"expiresAt\":" + inFiveDays + "}",
                "{\"delegate\":\"" + assistant.handle() + "\",\"scopes\":[\"profile:read\"],\"expiresAt\":30}",
                "{\"delegate\":\"" + assistant.handle() + "\",\"scopes\":[\"profile:read\"],\"quotas\":{\"profile:read\":\"7\"}}")) {
            Http.Response refused = http.post("/api/v1/delegations", holder.accessToken(), body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(body).isEqualTo("This field has the wrong type or format.");
            assertThat(refused.json().path("field").asString()).as(body).startsWith(body.contains("quotas") ? "quotas" : "expiresAt");
        }
        assertThat(http.get("/api/v1/delegations", holder.accessToken()).json().path("items")).isEmpty();

        JsonNode grant = fixture.grant(holder, assistant, PROFILE, Map.of("quotas", Map.of("profile:write", 3)));
        String path = "/api/v1/delegations/" + grant.path("id").asString();
        for (String body : List.of("{\"expiresAt\":" + inFiveDays + ".75}", "{\"expiresAt\":1.7972e9}",
                "{\"quotas\":{\"profile:write\":\" 8\"}}")) {
            Http.Response refused = http.patch(path, holder.accessToken(), body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().path("detail").asString()).as(body).isEqualTo("This field has the wrong type or format.");
        }
        JsonNode kept = http.get(path, holder.accessToken()).json();
        // To the second: MariaDB 10 keeps times to the second (docs/operations.md).
        assertThat(Instant.parse(kept.path("expiresAt").asString()).truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(Instant.parse(grant.path("expiresAt").asString()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(kept.path("quotas").toString()).isEqualTo("{\"profile:write\":3}");
    }

    @Test
    void aHelperReadsTheirOwnEntriesInAClientsLogAndNothingOfAnyoneElse() {
        Member second = fixture.member("second");
        String mine = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String theirs = fixture.activeGrant(holder, second, PROFILE, Map.of());
        String myToken = fixture.delegationToken(mine, assistant, null);
        assertThat(http.patch("/api/v1/profile", myToken, Map.of("headline", "Set by me")).status()).isEqualTo(200);
        assertThat(http.patch("/api/v1/profile", fixture.delegationToken(theirs, second, null), Map.of("headline", "Set by the other"))
                .status()).isEqualTo(200);

        Http.Response work = http.get("/api/v1/activity/as-delegate?holder=" + holder.id(), assistant.accessToken());
        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertThat(work.json().path("items")).isNotEmpty().allSatisfy(entry ->
                assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id()));
        assertThat(work.json().path("items").valueStream().map(e -> e.path("action").asString()))
                .contains("delegation.accept", "profile.update");
        assertThat(work.body()).contains("Set by me").doesNotContain("Set by the other").doesNotContain(second.id());

        // Someone never helped looks like no one at all (docs/security.md rule 20), recorded in the asker's own log.
        Member stranger = fixture.member("stranger");
        Http.Response never = http.get("/api/v1/activity/as-delegate?holder=" + stranger.id(), assistant.accessToken());
        Http.Response missing = http.get("/api/v1/activity/as-delegate?holder=mbr_doesnotexist", assistant.accessToken());
        assertThat(never.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(never.json().path("detail").asString()).isEqualTo(missing.json().path("detail").asString());
        assertThat(fixture.activity(assistant, "outcome=denied&action=activity.as_delegate")).hasSize(2).allSatisfy(probe ->
                assertThat(probe.toString()).doesNotContain(stranger.id()));
        assertThat(fixture.activity(stranger, "")).noneMatch(entry -> entry.path("actor").path("id").asString().equals(assistant.id()));

        // Not through a delegation token: a helper acting for the client may not read the client's log this way either.
        Http.Response acting = http.get("/api/v1/activity/as-delegate?holder=" + holder.id(), myToken);
        assertThat(acting.status()).isEqualTo(403);
        assertThat(fixture.activity(holder, "outcome=denied&action=activity.as_delegate")).singleElement().satisfies(entry ->
                assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id()));
    }

    @Test
    void listsPageWithACursorEitherSideReadsOneGrantAndRevokeAllEndsEveryOpenGrant() {
        List<String> ids = new ArrayList<>();
        for (String prefix : List.of("pagea", "pageb", "pagec")) {
            ids.add(fixture.grant(holder, fixture.member(prefix), PROFILE, Map.of()).path("id").asString());
        }
        String accepted = fixture.activeGrant(holder, assistant, PROFILE, Map.of());

        JsonNode first = http.get("/api/v1/delegations?limit=3", holder.accessToken()).json();
        assertThat(first.path("items")).hasSize(3);
        assertThat(first.path("next").isNull()).isFalse();
        JsonNode second = http.get("/api/v1/delegations?limit=3&cursor=" + first.path("next").asString(), holder.accessToken()).json();
        List<String> listed = new ArrayList<>();
        first.path("items").forEach(g -> listed.add(g.path("id").asString()));
        second.path("items").forEach(g -> listed.add(g.path("id").asString()));
        assertThat(listed).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2), accepted);
        assertThat(second.path("next").isNull()).isTrue();
        Http.Response badCursor = http.get("/api/v1/delegations?cursor=" + accepted, assistant.accessToken());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().path("field").asString()).isEqualTo("cursor");

        Http.Response mine = http.get("/api/v1/delegations/" + accepted + "?role=delegate", assistant.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().path("status").asString()).isEqualTo("active");
        assertThat(http.get("/api/v1/delegations/" + ids.get(0) + "?role=delegate", assistant.accessToken()).status()).isEqualTo(404);

        Http.Response all = http.post("/api/v1/delegations/revoke-all", holder.accessToken(), null);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("items")).hasSize(4);
        assertThat(fixture.activity(holder, "action=delegation.revoke")).hasSize(4);
        assertThat(http.get("/api/v1/delegations/" + accepted + "?role=delegate", assistant.accessToken()).json()
                .path("status").asString()).isEqualTo("revoked");
        assertThat(fixture.exchange(accepted, assistant.accessToken(), null).json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void pathsNoEndpointDeclaresAreRefusedAndADelegatesAttemptIsRecorded() {
        String grantId = fixture.activeGrant(holder, assistant, PROFILE, Map.of());
        String token = fixture.delegationToken(grantId, assistant, null);

        Http.Response unknown = http.get("/api/v1/no-such-endpoint", token);
        Http.Response wrongMethod = http.delete("/api/v1/profile", token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.status()).isEqualTo(405);
        List<JsonNode> refused = new ArrayList<>(fixture.activity(holder, "outcome=denied"));
        refused.addAll(fixture.activity(holder, "outcome=error"));
        assertThat(refused).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(assistant.id());
            assertThat(entry.path("grantId").asString()).isEqualTo(grantId);
        });
    }

    static JsonNode entry(List<JsonNode> log, String action, String outcome) {
        return log.stream().filter(e -> e.path("action").asString().equals(action) && e.path("outcome").asString().equals(outcome))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + "/" + outcome + " entry in " + log));
    }

    /** {@code request} as "METHOD path body", sent with {@code token} as JSON. */
    private Http.Response send(String request, String token) {
        String[] parts = request.split(" ", 3);
        return http.send(http.request(parts[1], token).header("Content-Type", "application/json")
                .method(parts[0], BodyPublishers.ofString(parts[2])).build());
    }
}
