package org.behalf.server.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.behalf.server.BehalfApplication;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.RawHttp;
import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/security.md rule 38: behind a proxy ({@code BEHALF_FORWARD_HEADERS=native}) the forwarded
 * address is believed from a configured proxy only, and it is the one the activity log records.
 * Two nodes on this run's database, both with forwarded headers on: one trusts loopback (the
 * default), one trusts an address this test never comes from.
 */
class TrustedProxyTest extends ServerTest {

    @Test
    void aForwardedAddressIsRecordedFromATrustedProxyAndIgnoredFromAnyOther() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "proxyhold");
        Member helper = Members.create(baseUrl(), "proxyhelp");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, List.of("profile:read")), helper);

        // The configured default (BEHALF_TRUSTED_PROXIES unset) trusts a proxy on this machine.
        try (ConfigurableApplicationContext trusting = node(null);
             ConfigurableApplicationContext distrusting = node("10\\.99\\.99\\.99")) {
            assertThat(recordedAddress(holder, port(trusting), token)).as("from a trusted proxy").isEqualTo("203.0.113.7");
            assertThat(recordedAddress(holder, port(distrusting), token)).as("from anyone else").isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        }
    }

    private String recordedAddress(Member holder, int port, String token) {
        RawHttp.Response answer = RawHttp.send(port, "GET", "/api/v1/profile", token, null, "X-Forwarded-For: 203.0.113.7");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return RecordedRequests.entry(new Http(baseUrl()), holder, answer.header("X-Request-Id")).path("ip").asString();
    }

    private ConfigurableApplicationContext node(String trustedProxies) {
        TestDatabase database = TestDatabase.shared();
        List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=mysql",
                "--behalf.identity.issuer=" + baseUrl(), "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                "--server.forward-headers-strategy=native"));
        if (trustedProxies != null) {
            arguments.add("--server.tomcat.remoteip.internal-proxies=" + trustedProxies);
        }
        return new SpringApplicationBuilder(BehalfApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
