package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * How requests use the database, watched on the application's real connections (issue 16): no
 * thread ever holds two connections at once (docs/security.md rule 41: a request that held one
 * while waiting for another froze the node as soon as the pool was busy), and a token that has not
 * changed needs no round trip at all (rule 44).
 */
@Import(ConnectionUseTest.WatchedConnections.class)
class ConnectionUseTest extends ServerTest {

    static final AtomicInteger TOKEN_READS = new AtomicInteger();
    static final AtomicInteger CLIENT_READS = new AtomicInteger();

    /**
     * On a loaded machine the revocation poller can be late by more than the half second after which
     * a node stops trusting its memory; that bound is TwoNodesTest's subject, the round trips this one's.
     */
    @DynamicPropertySource
    static void patientPoller(DynamicPropertyRegistry registry) {
        registry.add("behalf.identity.revocation-bound", () -> "60s");
    }

    static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);
    static final List<String> SECOND_CONNECTIONS = new CopyOnWriteArrayList<>();

    @Test
    void noRequestOnAnyOAuthOrApiPathHoldsTwoConnectionsAtOnce() {
        SECOND_CONNECTIONS.clear();
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "onehold", "openid " + Members.MEMBER_SCOPES);
        Member helper = Members.create(baseUrl(), "onehelp");
        Http browser = new Http(baseUrl());
        Map<String, String> signIn = Members.signInForm(browser);
        signIn.put("username", holder.handle());
        signIn.put("password", "wrong password");
        assertThat(browser.form("/login", signIn).status()).as("a failed sign-in").isEqualTo(302);
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read", "profile:write"));
        String delegation = Delegations.delegationToken(http, grant, helper);
        JsonNode app = http.post("/api/v1/clients", holder.accessToken(), Map.of("name", "One connection", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String basic = basic(app);
        String appToken = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic).json()
                .path("access_token").asString();

        List<Http.Response> answers = List.of(
                http.get("/userinfo", holder.accessToken()),
                http.form("/oauth2/introspect", Members.ordered("token", appToken), basic),
                http.form("/oauth2/introspect", Members.ordered("token", holder.refreshToken()), basic),
                http.get("/api/v1/profile", holder.accessToken()),
                http.patch("/api/v1/profile", delegation, Map.of("headline", "one at a time")),
                http.get("/api/v1/activity?limit=5", holder.accessToken()),
                http.get("/api/v1/account/sessions", holder.accessToken()),
                http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", holder.refreshToken(),
                        "client_id", Members.CLI)),
                http.form("/oauth2/revoke", Members.ordered("token", appToken), basic),
                http.post("/api/v1/delegations/" + grant + "/revoke", holder.accessToken(), null),
                http.patch("/api/v1/profile", delegation, Map.of("headline", "after revocation")),
                http.get("/console", null));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isLessThan(500));
        assertThat(SECOND_CONNECTIONS).as("threads that took a second connection while holding one").isEmpty();
    }

    private static String basic(JsonNode app) {
        return Base64.getEncoder().encodeToString((app.path("clientId").asString() + ":"
                + app.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fiftyCallsWithOneTokenReadItOnceAndItsRevocationCountsAtOnce() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "trips", "openid " + Members.MEMBER_SCOPES);
        JsonNode app = http.post("/api/v1/clients", member.accessToken(), Map.of("name", "Round trips", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String basic = basic(app);
        String appToken = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic).json()
                .path("access_token").asString();
        afterTheNextRevocationPoll();

        Map<String, Runnable> calls = Map.of(
                "userinfo", () -> assertThat(http.get("/userinfo", member.accessToken()).status()).isEqualTo(200),
                "a holder's API read", () -> assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200),
                "introspection", () -> assertThat(http.form("/oauth2/introspect", Members.ordered("token", appToken), basic).json()
                        .path("active").asBoolean()).isTrue());
        calls.forEach((name, call) -> {
            call.run();
            int before = TOKEN_READS.get();
            for (int i = 0; i < 50; i++) {
                call.run();
            }
            assertThat(TOKEN_READS.get() - before).as(name + ": reads of tokens in 50 calls after the first").isZero();
        });

        assertThat(http.form("/oauth2/revoke", Members.ordered("token", appToken), basic).status()).isEqualTo(200);
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", appToken), basic).json().path("active").asBoolean())
                .as("revoked on this node: at once").isFalse();
    }

    /**
     * Every token request, introspection and exchange authenticates its client: after the first, the
     * node answers from memory (issue 16), and a new secret counts on this node at once (rule 44).
     */
    @Test
    void fiftyTokenRequestsReadTheirClientOnceAndANewSecretCountsAtOnce() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "clitrips", "openid " + Members.MEMBER_SCOPES);
        JsonNode app = http.post("/api/v1/clients", member.accessToken(), Map.of("name", "Client round trips", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String basic = basic(app);
        Map<String, String> form = Members.ordered("grant_type", "client_credentials");
        String appToken = http.form("/oauth2/token", form, basic).json().path("access_token").asString();
        afterTheNextRevocationPoll();
        assertThat(http.form("/oauth2/token", form, basic).status()).isEqualTo(200);
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", appToken), basic).json().path("active").asBoolean()).isTrue();

        int before = CLIENT_READS.get();
        for (int i = 0; i < 50; i++) {
            assertThat(http.form("/oauth2/token", form, basic).status()).isEqualTo(200);
            assertThat(http.form("/oauth2/introspect", Members.ordered("token", appToken), basic).json().path("active").asBoolean()).isTrue();
        }
        assertThat(CLIENT_READS.get() - before).as("reads of the client in 50 token requests and 50 introspections").isZero();

        String clientId = app.path("clientId").asString();
        String newSecret = http.post("/api/v1/clients/" + clientId + "/secret?graceHours=0", member.accessToken(), null).json()
                .path("clientSecret").asString();
        assertThat(http.form("/oauth2/token", form, basic).status()).as("the old secret, just replaced").isEqualTo(401);
        assertThat(http.form("/oauth2/token", form, Base64.getEncoder().encodeToString((clientId + ":" + newSecret)
                .getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/clients/" + clientId, member.accessToken()).status()).isIn(200, 204);
        assertThat(http.form("/oauth2/introspect", Members.ordered("token", appToken), basic).status())
                .as("a deleted client cannot introspect").isEqualTo(401);
    }

    /**
     * Registering a client is recorded like a revocation: this node forgets at once, and once more
     * when its poller (every 100 ms) reads that record. Counting starts after that.
     */
    private static void afterTheNextRevocationPoll() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The application's data source, watched: each thread's connections held at once (a second one
     * is recorded with where it was taken), and the statements that read the token tables.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class WatchedConnections {

        @Bean
        static BeanPostProcessor countTokenReads() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource) ? counted(dataSource) : bean;
                }
            };
        }

        private static DataSource counted(DataSource target) {
            return new DelegatingDataSource(target) {
                @Override
                public Connection getConnection() throws java.sql.SQLException {
                    Connection connection = super.getConnection();
                    int[] held = HELD.get();
                    if (++held[0] > 1) {
                        SECOND_CONNECTIONS.add(Thread.currentThread().getName() + " at " + java.util.Arrays.stream(new Throwable().getStackTrace())
                                .map(String::valueOf).filter(frame -> frame.startsWith("org.behalf") || frame.contains("oauth2.server"))
                                .limit(6).toList());
                    }
                    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
                    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                                    held[0]--;
                                }
                                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                                        && sql.startsWith("SELECT") && (sql.contains("identity_token_index") || sql.contains("oauth2_authorization "))) {
                                    TOKEN_READS.incrementAndGet();
                                }
                                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                                        && sql.startsWith("SELECT") && sql.contains("oauth2_registered_client")) {
                                    CLIENT_READS.incrementAndGet();
                                }
                                try {
                                    return method.invoke(connection, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }
}
