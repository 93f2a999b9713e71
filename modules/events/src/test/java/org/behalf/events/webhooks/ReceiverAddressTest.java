package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.behalf.kernel.InvalidRequest;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md rule 42: outside development no webhook goes to this machine or an inside
 * address, and nothing but https; the operator may allow private receivers, never loopback ones.
 * (The server under test runs in development; the deployment side is checked here.)
 */
class ReceiverAddressTest {

    private final ReceiverAddress deployment = new ReceiverAddress(false, false);
    private final ReceiverAddress development = new ReceiverAddress(true, false);
    private final ReceiverAddress privateAllowed = new ReceiverAddress(false, true);

    @Test
    void outsideDevelopmentLoopbackIsRefusedInEverySpelling() {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "https://127.0.0.1/hook", "https://localhost/hook",
                "https://127.1.2.3/hook", "https://[::1]/hook", "https://[0:0:0:0:0:0:0:1]/hook", "https://2130706433/hook",
                "https://[::ffff:127.0.0.1]/hook"}) {
            assertThatThrownBy(() -> deployment.check(url)).as(url).isInstanceOf(InvalidRequest.class);
            assertThatThrownBy(() -> privateAllowed.check(url)).as(url).isInstanceOf(InvalidRequest.class);
        }
    }

    @Test
    void insideAddressesAreRefusedUnlessTheOperatorAllowsThem() {
        for (String url : new String[] {"https://10.1.2.3/h", "https://172.16.0.1/h", "https://192.168.0.10/h", "https://169.254.169.254/h",
                "https://[fe80::1]/h", "https://[fd12:3456::1]/h", "https://100.64.1.1/h", "https://0.0.0.0/h", "https://[::]/h",
                "https://224.0.0.1/h", "https://[::ffff:10.0.0.1]/h"}) {
            assertThatThrownBy(() -> deployment.check(url)).as(url).isInstanceOf(InvalidRequest.class);
            assertThatThrownBy(() -> development.check(url)).as(url).isInstanceOf(InvalidRequest.class);
        }
        assertThat(privateAllowed.refusal(URI.create("https://10.1.2.3/h"))).isNull();
    }

    /**
     * IPv6 forms that carry an IPv4 address (NAT64 RFC 6052 and RFC 8215, 6to4 RFC 3056, the old
     * IPv4-compatible form) are judged by that address: through a NAT64 or 6to4 gateway they reach it
     * (found by black-box testing: all were accepted). And RFC 2544's benchmarking range is inside.
     */
    @Test
    void anInsideIpv4AddressInsideAnIpv6OneIsRefusedToo() {
        for (String url : new String[] {"https://[64:ff9b::a9fe:a9fe]/x", "https://[64:ff9b::a00:1]/x", "https://[64:ff9b:1::a00:1]/x",
                "https://[2002:a9fe:a9fe::]/x", "https://[2002:a00:1::1]/x", "https://[::a9fe:a9fe]/x", "https://198.18.0.1/x",
                "https://198.19.255.1/x"}) {
            assertThatThrownBy(() -> deployment.check(url)).as(url).isInstanceOf(InvalidRequest.class);
            assertThatThrownBy(() -> development.check(url)).as(url).isInstanceOf(InvalidRequest.class);
        }
        for (String url : new String[] {"https://[64:ff9b::7f00:1]/x", "https://[2002:7f00:1::]/x"}) {
            assertThat(deployment.refusal(URI.create(url))).as(url).contains("this machine");
        }
        assertThat(deployment.refusal(URI.create("https://[64:ff9b::5db8:d70e]/x"))).as("a public IPv4 through NAT64").isNull();
        assertThat(deployment.refusal(URI.create("https://[2002:5db8:d70e::1]/x"))).as("a public IPv4 through 6to4").isNull();
        assertThat(development.refusal(URI.create("https://[::1]/x"))).as("loopback, not an IPv4-compatible 0.0.0.1").isNull();
    }

    @Test
    void plainHttpOnlyOnLoopbackInDevelopment() {
        assertThat(development.refusal(URI.create("http://127.0.0.1:9999/hook"))).isNull();
        assertThat(development.refusal(URI.create("http://localhost:9999/hook"))).isNull();
        assertThat(development.refusal(URI.create("http://93.184.215.14/hook"))).contains("https://");
        assertThat(deployment.refusal(URI.create("http://93.184.215.14/hook"))).contains("https://");
        assertThat(deployment.refusal(URI.create("https://93.184.215.14/hook"))).isNull();
        assertThat(deployment.refusal(URI.create("ftp://93.184.215.14/hook"))).isNotNull();
        assertThat(deployment.refusal(URI.create("https://user:pw@93.184.215.14/hook"))).contains("user name");
    }

    @Test
    void aNameThatCannotBeFoundIsRefused() {
        assertThat(deployment.refusal(URI.create("https://no-such-host.invalid/hook"))).contains("cannot be found");
    }
}
