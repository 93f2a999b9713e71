package org.behalf.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.BehalfApplication;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several nodes on one database behave like one (DESIGN.md section 3; SECURITY-CASES 5): a grant
 * revoked through one node is refused by the other at the very next request.
 */
class TwoNodesTest extends ServerTest {

    private static ConfigurableApplicationContext second;

    /**
     * The second node shares the first one's database and, as behind one load balancer, its
     * public URL (the issuer), so that tokens of either are valid on both.
     */
    @BeforeEach
    void startSecondNode() {
        if (second != null) {
            return;
        }
        TestDatabase database = TestDatabase.shared();
        // Command-line arguments, so that they outrank config/application.yml as they would in production.
        second = new SpringApplicationBuilder(BehalfApplication.class).run(
                "--server.port=0",
                "--spring.profiles.active=mysql",
                "--behalf.identity.issuer=" + baseUrl(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password());
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    /** A holder and an assistant with an active grant and a delegation token, made through the first node. */
    private record Acting(Http first, Http other, Member holder, Member assistant, String grantId, String token) {
    }

    private Acting acting(String holderPrefix, String assistantPrefix) {
        Http first = new Http(baseUrl());
        DelegationFixture onFirst = new DelegationFixture(first);
        Member holder = onFirst.member(holderPrefix);
        Member assistant = onFirst.member(assistantPrefix);
        String grantId = onFirst.activeGrant(holder, assistant, List.of("profile:read", "profile:write"), Map.of());
        return new Acting(first, new Http("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort()),
                holder, assistant, grantId, onFirst.delegationToken(grantId, assistant, null));
    }

    @Test
    void aRevocationOnOneNodeIsRefusedOnTheOtherAtTheNextRequest() {
        Acting acting = acting("nodeh", "nodea");
        Http other = acting.other();
        assertThat(other.patch("/api/v1/profile", acting.token(), Map.of("headline", "From node two")).status()).isEqualTo(200);

        assertThat(acting.first().post("/api/v1/delegations/" + acting.grantId() + "/revoke", acting.holder().accessToken(), null)
                .status()).isEqualTo(200);

        assertThat(other.patch("/api/v1/profile", acting.token(), Map.of("headline", "Too late")).status()).isEqualTo(403);
        assertThat(other.get("/api/v1/profile", acting.holder().accessToken()).json().path("headline").asString())
                .isEqualTo("From node two");
        assertThat(new DelegationFixture(other).exchange(acting.grantId(), acting.assistant().accessToken(), null).json()
                .path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aNarrowingOnOneNodeHoldsOnTheOtherAtTheNextRequestAndExchange() {
        Acting acting = acting("narrowh", "narrowa");
        Http other = acting.other();
        assertThat(other.patch("/api/v1/profile", acting.token(), Map.of("headline", "Before")).status()).isEqualTo(200);

        assertThat(acting.first().patch("/api/v1/delegations/" + acting.grantId(), acting.holder().accessToken(),
                Map.of("scopes", List.of("profile:read"))).status()).isEqualTo(200);

        assertThat(other.patch("/api/v1/profile", acting.token(), Map.of("headline", "After")).status()).isEqualTo(403);
        assertThat(other.get("/api/v1/profile", acting.token()).status()).isEqualTo(200);
        assertThat(new DelegationFixture(other).exchange(acting.grantId(), acting.assistant().accessToken(), "profile:write")
                .json().path("error").asString()).isEqualTo("invalid_scope");
    }

    /** Each node remembers the chain heads it wrote; writes through the other node must never fork or gap the chain. */
    @Test
    void writersOnBothNodesForOneAccountKeepOneGaplessChainThatVerifies() throws Exception {
        Acting acting = acting("chainh", "chaina");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Http node = i % 2 == 0 ? acting.first() : acting.other();
            int n = i;
            writes.add(pool.submit(() -> node.patch("/api/v1/profile", acting.token(), Map.of("headline", "Edit " + n)).status()));
        }
        for (java.util.concurrent.Future<Integer> write : writes) {
            assertThat(write.get()).isEqualTo(200);
        }
        pool.shutdown();

        String export = acting.other().get("/api/v1/activity/export", acting.holder().accessToken()).body();
        String checkpoint = acting.first().get("/api/v1/activity/checkpoints/latest", acting.holder().accessToken()).body();
        String keys = acting.other().get("/api/v1/activity/keys", null).body();
        long entries = export.lines().count();
        assertThat(export.lines().filter(line -> line.contains("\"profile.update\""))).hasSize(40);
        assertThat(org.behalf.verifier.VerifyActivity.verify(new java.io.BufferedReader(new java.io.StringReader(export)),
                List.of(checkpoint), keys).toString()).isEqualTo("valid up to seq " + entries);
    }

    @Test
    void aClientSecretRotatedOnOneNodeIsRefusedOnTheOtherAtOnce() {
        Http first = new Http(baseUrl());
        Http other = new Http("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort());
        Member integrator = new DelegationFixture(first).member("noderot");
        JsonNode client = first.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Rotating app",
                "redirectUris", List.of(), "scopes", List.of("profile:read"), "grantTypes", List.of("client_credentials"))).json();
        String clientId = client.path("clientId").asString();
        Map<String, String> form = Map.of("grant_type", "client_credentials");
        // The other node has read (and parsed) the client with its first secret.
        assertThat(other.form("/oauth2/token", form, basic(clientId, client.path("clientSecret").asString())).status()).isEqualTo(200);

        // Rotated because it leaked (no grace period for the old secret, issue 18).
        String newSecret = first.post("/api/v1/clients/" + clientId + "/secret?graceHours=0", integrator.accessToken(), null).json()
                .path("clientSecret").asString();

        assertThat(other.form("/oauth2/token", form, basic(clientId, client.path("clientSecret").asString())).status()).isEqualTo(401);
        assertThat(other.form("/oauth2/token", form, basic(clientId, newSecret)).status()).isEqualTo(200);
    }

    /**
     * docs/security.md rule 44: each node remembers active tokens, and a token revoked through one
     * node is refused there at once and on the other within the documented half second (the test
     * allows three, for a loaded CI machine; it fails if the other node never notices).
     */
    @Test
    void aSessionEndedOnOneNodeIsRefusedThereAtOnceAndOnTheOtherWithinTheBound() throws Exception {
        Http first = new Http(baseUrl());
        Http other = new Http("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort());
        Member member = Members.create(baseUrl(), "nodesess", "openid " + Members.MEMBER_SCOPES);
        String laptop = Members.signIn(baseUrl(), member.handle(), member.password(), "openid profile:read").path("access_token").asString();
        // Both nodes have answered with the laptop's token, so both remember it.
        for (Http node : List.of(first, other)) {
            assertThat(node.get("/userinfo", laptop).status()).isEqualTo(200);
            assertThat(node.get("/api/v1/profile", laptop).status()).isEqualTo(200);
        }
        String laptopSession = first.get("/api/v1/account/sessions", member.accessToken()).json().path("items").valueStream()
                .filter(session -> !session.path("current").asBoolean() && session.path("scopes").asString().contains("openid"))
                .findFirst().orElseThrow().path("id").asString();

        assertThat(first.delete("/api/v1/account/sessions/" + laptopSession, member.accessToken()).status()).isIn(200, 204);

        assertThat(first.get("/userinfo", laptop).status()).as("the node that revoked, at once").isEqualTo(401);
        assertThat(first.get("/api/v1/profile", laptop).status()).isEqualTo(401);
        long revoked = System.nanoTime();
        while (other.get("/userinfo", laptop).status() != 401) {
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - revoked)).as("the other node still answers the revoked token")
                    .isLessThan(java.time.Duration.ofSeconds(3));
            Thread.sleep(20);
        }
        assertThat(other.get("/api/v1/profile", laptop).status()).isEqualTo(401);
        assertThat(other.get("/userinfo", member.accessToken()).status()).as("the member's other session").isEqualTo(200);
    }

    private static String basic(String clientId, String secret) {
        return java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aBrowserSignedInOnOneNodeIsSignedInOnTheOther() {
        Http first = new Http(baseUrl());
        Member member = new DelegationFixture(first).member("nodes");
        java.util.Map<String, String> form = Members.hidden(first.get("/login", null).body());
        form.put("username", member.handle());
        form.put("password", member.password());
        Http.Response signedIn = first.form("/login", form);
        assertThat(signedIn.status()).isEqualTo(302);
        String cookie = signedIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow().split(";")[0];

        String authorize = "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id", Members.CLI,
                "redirect_uri", "http://127.0.0.1:45678/callback", "scope", "profile:read", "state", "s1",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGEOrJ3F6M", "code_challenge_method", "S256"));
        Http other = new Http("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort());
        Http.Response withSession = other.send(other.request(authorize, null).header("Cookie", cookie).GET().build());
        assertThat(withSession.header("Location")).startsWith("http://127.0.0.1:45678/callback?code=");
        Http.Response without = other.get(authorize, null);
        assertThat(without.header("Location")).doesNotContain("code=");
    }
}
