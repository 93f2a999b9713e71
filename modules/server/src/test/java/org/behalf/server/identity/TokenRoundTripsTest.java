package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16: a token that has not changed needs no database round trip, on userinfo, on
 * introspection or on an API call (each read the token's row, and userinfo its whole
 * authorization, on every call). Counted on the real connections: statements that read tokens.
 * Revoking it is seen at once all the same.
 */
@Import(TokenRoundTripsTest.CountedStatements.class)
class TokenRoundTripsTest extends ServerTest {

    static final AtomicInteger TOKEN_READS = new AtomicInteger();

    @Test
    void fiftyCallsWithOneTokenReadItOnceAndItsRevocationCountsAtOnce() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "trips", "openid " + Members.MEMBER_SCOPES);
        JsonNode app = http.post("/api/v1/clients", member.accessToken(), Map.of("name", "Round trips", "scopes",
                List.of("profile:read"), "grantTypes", List.of("client_credentials"), "redirectUris", List.of())).json();
        String basic = Base64.getEncoder().encodeToString((app.path("clientId").asString() + ":"
                + app.path("clientSecret").asString()).getBytes(StandardCharsets.UTF_8));
        String appToken = http.form("/oauth2/token", Members.ordered("grant_type", "client_credentials"), basic).json()
                .path("access_token").asString();

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

    /** Counts the statements that read the token tables, on the application's own connections. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountedStatements {

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
                    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                                        && sql.startsWith("SELECT") && (sql.contains("identity_token_index") || sql.contains("oauth2_authorization "))) {
                                    TOKEN_READS.incrementAndGet();
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
