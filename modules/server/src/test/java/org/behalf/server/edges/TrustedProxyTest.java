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

    /**
     * Black-box testing, 2026-12-06: from the proxy's machine any text in X-Forwarded-For was the
     * address, recorded as such, and {@code 3405803781} passed a grant's range as 203.0.113.5.
     */
    @Test
    void aForwardedAddressThatIsNoAddressIsRefusedAndAnAddressIsRecordedInOneSpelling() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "proxyodd");
        Member helper = Members.create(baseUrl(), "proxyoddh");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, List.of("profile:read")), helper);
        try (ConfigurableApplicationContext trusting = node(null)) {
            for (String forwarded : List.of("garbage", "3405803781", "203.000.113.005", "<script>alert(1)</script>", "203.0.113.5:4444",
                    "unknown", "203.0.113.5 and more")) {
                RawHttp.Response answer = RawHttp.send(port(trusting), "GET", "/api/v1/profile", token, null, "X-Forwarded-For: " + forwarded);
                assertThat(answer.status()).as(forwarded + ": " + answer.body()).isEqualTo(400);
                assertThat(answer.body()).contains("The client address forwarded by the proxy (X-Forwarded-For) is not an IP address.");
            }
            assertThat(recordedAddress(holder, port(trusting), token, "203.0.113.5")).isEqualTo("203.0.113.5");
            assertThat(recordedAddress(holder, port(trusting), token, "2001:DB8:0:0::0001")).isEqualTo("2001:db8::1");

            // A deployment names its address (the issuer): a Host header of anyone's choosing does not
            // become the API's resource in its metadata, which a cache in front would keep.
            String metadata = withHost(port(trusting), "/.well-known/oauth-protected-resource", "evil.example");
            assertThat(metadata).startsWith("HTTP/1.1 200").contains("\"resource\":\"" + baseUrl() + "\"")
                    .doesNotContain("evil.example");
            assertThat(withHost(port(trusting), "/.well-known/oauth-protected-resource/mcp", "evil.example"))
                    .contains("\"resource\":\"" + baseUrl() + "/mcp\"").doesNotContain("evil.example");
            // Nor does a 401's challenge name metadata of the caller's choosing, with its Host or with
            // a forwarded host a proxy passed on (black-box finding, 2026-12-07): the issuer's.
            assertThat(withHost(port(trusting), "/api/v1/profile", "evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https"))
                    .startsWith("HTTP/1.1 401")
                    .contains("resource_metadata=\"" + baseUrl() + "/.well-known/oauth-protected-resource\"")
                    .doesNotContain("evil.example");
            // Nor the MCP server's own origin (docs/security.md rule 43): a page that rebinds its name to the
            // server sends that name as Host and as Origin both, and is refused; a page at the issuer is not.
            assertThat(withHost(port(trusting), "POST", "/mcp", "evil.example", "Origin: http://evil.example\r\n", ""))
                    .startsWith("HTTP/1.1 403").contains("web pages of other sites").contains("must be " + baseUrl() + " ");
            assertThat(withHost(port(trusting), "POST", "/mcp", "evil.example", "Origin: " + baseUrl() + "\r\n", ""))
                    .startsWith("HTTP/1.1 401");
        }
    }

    /**
     * docs/security.md rule 38: without BEHALF_ISSUER (this shared server has none) the node runs on the
     * published development secrets and takes its issuer from the Host header, so it answers only requests
     * addressed to this machine. Black-box finding, 2026-12-07: reached as behalf.example.org it issued a
     * console token with the published secret, "iss":"http://behalf.example.org".
     */
    @Test
    void aServerWithoutAnIssuerAnswersOnlyRequestsAddressedToThisMachine() {
        String discovery = withHost(port, "/.well-known/openid-configuration", "behalf.example.org");
        assertThat(discovery).startsWith("HTTP/1.1 421").contains("application/problem+json")
                .contains("This development server answers only on this machine").contains("Set BEHALF_ISSUER")
                .doesNotContain("\"issuer\"");
        String basic = java.util.Base64.getEncoder().encodeToString("behalf-console:behalf-console-development-secret".getBytes());
        String token = withHost(port, "POST", "/oauth2/token", "behalf.example.org:" + port,
                "Authorization: Basic " + basic + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n",
                "grant_type=client_credentials");
        assertThat(token).startsWith("HTTP/1.1 421").doesNotContain("access_token");
        assertThat(withHost(port, "/api/v1/scopes", "10.0.0.5")).startsWith("HTTP/1.1 421");
        assertThat(withHost(port, "/api/v1/scopes", "127.0.0.1.example.com")).startsWith("HTTP/1.1 421");
        // This machine, in each of its spellings and on any port: answered, and the issuer is that address.
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            assertThat(withHost(port, "/.well-known/openid-configuration", host)).as(host).startsWith("HTTP/1.1 200")
                    .contains("\"issuer\":\"http://" + host + "\"");
        }
        for (String host : List.of("LocalHost", "127.0.0.2:9", "[0:0:0:0:0:0:0:1]")) {
            assertThat(withHost(port, "/api/v1/scopes", host)).as(host).startsWith("HTTP/1.1 200");
        }
    }

    private static String withHost(int port, String path, String host) {
        return withHost(port, "GET", path, host, "", "");
    }

    /** A request with the Host header given, over a socket of its own (HTTP clients write Host themselves). */
    private static String withHost(int port, String method, String path, String host, String headers, String body) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                    + "Connection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String recordedAddress(Member holder, int port, String token) {
        return recordedAddress(holder, port, token, "203.0.113.7");
    }

    private String recordedAddress(Member holder, int port, String token, String forwarded) {
        RawHttp.Response answer = RawHttp.send(port, "GET", "/api/v1/profile", token, null, "X-Forwarded-For: " + forwarded);
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
