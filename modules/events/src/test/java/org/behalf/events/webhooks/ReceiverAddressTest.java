package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

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

    /**
     * SIIT's IPv4-translated form ::ffff:0:a.b.c.d (RFC 2765 section 2.1, RFC 6145), which a
     * translator on an IPv6-only network takes to that IPv4 address, is judged by it like the other
     * carrying forms: black-box testing on 2026-12-07 found webhooks and streams at the translated
     * 127.0.0.1, 169.254.169.254 and 10.0.0.1 accepted in a deployment.
     */
    @Test
    void anIpv4TranslatedAddressIsJudgedByTheIpv4AddressItCarries() {
        for (String url : new String[] {"https://[::ffff:0:7f00:1]/h", "https://[::ffff:0:127.0.0.1]/h"}) {
            assertThat(deployment.refusal(URI.create(url))).as(url).contains("this machine");
            assertThat(privateAllowed.refusal(URI.create(url))).as(url).contains("this machine");
        }
        for (String url : new String[] {"https://[::ffff:0:a9fe:a9fe]/h", "https://[::ffff:0:a09:807]/h", "https://[::ffff:0:c0a8:1]/h"}) {
            assertThatThrownBy(() -> deployment.check(url)).as(url).isInstanceOf(InvalidRequest.class)
                    .hasMessageContaining("private, link-local or other inside addresses");
            assertThatThrownBy(() -> development.check(url)).as(url).isInstanceOf(InvalidRequest.class);
        }
        assertThat(deployment.refusal(URI.create("https://[::ffff:0:5db8:d70e]/h"))).as("a public IPv4 through SIIT").isNull();
    }

    /**
     * Every block the IANA special-purpose registries mark not globally reachable is refused, whatever
     * the operator allows for private receivers (black-box testing on 2026-12-06 found the
     * documentation, discard, Teredo, ORCHID, benchmarking and reserved ranges accepted); the globally
     * reachable blocks inside them are not.
     */
    @Test
    void specialPurposeRangesNoOneOnTheInternetCanBeAtAreRefusedEvenWithPrivateReceiversAllowed() {
        for (String url : new String[] {"https://192.0.2.10/x", "https://198.51.100.7/x", "https://203.0.113.5/x",
                "https://[2001:db8::1]/x", "https://[3fff::1]/x", "https://[100::1]/x", "https://[2001::1]/x",
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x", "https://[2001:10::1]/x", "https://[2001:2::1]/x",
                "https://198.18.0.1/x", "https://240.0.0.1/x", "https://255.255.255.255/x", "https://192.0.0.8/x",
                "https://192.88.99.1/x", "https://[5f00::1]/x", "https://[ff02::1]/x", "https://[::ffff:203.0.113.5]/x",
                "https://[64:ff9b::c000:20a]/x"}) {
            for (ReceiverAddress rule : new ReceiverAddress[] {deployment, development, privateAllowed}) {
                assertThatThrownBy(() -> rule.check(url)).as(url).isInstanceOf(InvalidRequest.class)
                        .hasMessageContaining("no one on the internet");
            }
        }
        for (String url : new String[] {"https://192.0.0.9/x", "https://[2001:20::1]/x", "https://[2001:4:112::1]/x",
                "https://[2606:4700::1111]/x", "https://1.1.1.1/x"}) {
            assertThat(deployment.refusal(URI.create(url))).as(url).isNull();
        }
    }

    /**
     * This machine's own interface addresses, not only loopback, are refused outside development, even
     * where private receivers are allowed: black-box testing on 2026-12-06 found a webhook at the
     * server's eth0 address accepted and delivered to itself.
     */
    @Test
    void thisMachinesOwnInterfaceAddressesAreRefusedOutsideDevelopment() throws Exception {
        List<InetAddress> own = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            own.addAll(Collections.list(network.getInetAddresses()));
        }
        assertThat(own).isNotEmpty();
        for (InetAddress address : own) {
            assertThat(deployment.refusal(address)).as(address.toString()).contains("this machine");
            assertThat(privateAllowed.refusal(address)).as(address.toString()).contains("this machine");
        }
        // What decided it is the machine's own list: an address it does not hold is judged by its range alone.
        ReceiverAddress knowsNone = new ReceiverAddress(false, true, new NoOwnAddresses());
        assertThat(knowsNone.refusal(InetAddress.getByName("10.9.8.7"))).isNull();
        assertThat(privateAllowed.refusal(InetAddress.getByName("10.9.8.7"))).isNull();
    }

    /** A machine with no interface addresses, to show what the real list adds. */
    static final class NoOwnAddresses extends OwnAddresses {
        @Override
        Set<ByteBuffer> interfaces() {
            return Set.of();
        }
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
