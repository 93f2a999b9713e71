package org.behalf.events.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * docs/security.md rule 42, DNS rebinding: the address check made when a subscription is saved and
 * before each attempt is not all; the connection itself refuses an address the rule forbids. Here
 * the sender is handed a name that leads to this machine (as a rebound name would, after passing
 * the earlier check): outside development nothing reaches the receiver and the delivery log says
 * why in plain words; in development (loopback allowed) the same call arrives, so it is the address
 * rule, not the test's set-up, that stopped it.
 */
class ReceiverConnectionTest {

    private final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final EventsSettings settings = new Binder(new MapConfigurationPropertySource(java.util.Map.of()))
            .bindOrCreate("behalf.events", EventsSettings.class);

    @BeforeEach
    void start() {
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void aNameThatNowLeadsToThisMachineIsNotConnectedToOutsideDevelopment() {
        URI rebound = URI.create("http://localhost:" + receiver.port() + "/hook");
        WebhookSender deployment = new WebhookSender(settings, new ReceiverAddress(false, false), Clock.systemUTC());

        WebhookSender.Outcome outcome = deployment.send(rebound, "msg_1", "{}", List.of("whsec_" + "A".repeat(44)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).isEqualTo("Not sent: localhost now leads only to inside addresses, where events are never delivered.");
        receiver.verify(0, postRequestedFor(urlEqualTo("/hook")));
    }

    /**
     * A receiver at one of this machine's own non-loopback addresses (its eth0 address, say) is this
     * machine: outside development nothing reaches it, even where private receivers are allowed
     * (black-box testing on 2026-12-06 found such a webhook delivered to the server itself). The same
     * call with a rule that does not know the machine's addresses arrives, so it is that rule that
     * stopped it. Needs an own address private receivers may use (unique-local or private, as most
     * machines have); skipped where there is none.
     */
    @Test
    void thisMachinesOwnInterfaceAddressIsNotConnectedToOutsideDevelopment() throws Exception {
        InetAddress own = null;
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && network.isUp()
                        && new ReceiverAddress(false, true, new ReceiverAddressTest.NoOwnAddresses()).refusal(address) == null) {
                    own = address;
                }
            }
        }
        Assumptions.assumeTrue(own != null, "no own address a private receiver may use");
        WireMockServer onOwnAddress = new WireMockServer(options().dynamicPort().bindAddress(own.getHostAddress()));
        onOwnAddress.start();
        try {
            onOwnAddress.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            String host = own instanceof java.net.Inet6Address ? "[" + own.getHostAddress().replaceAll("%.*", "") + "]" : own.getHostAddress();
            URI itself = URI.create("http://" + host + ":" + onOwnAddress.port() + "/hook");
            List<String> secrets = List.of("whsec_" + "A".repeat(44));

            WebhookSender.Outcome refused = new WebhookSender(settings, new ReceiverAddress(false, true), Clock.systemUTC())
                    .send(itself, "msg_3", "{}", secrets);
            assertThat(refused.delivered()).isFalse();
            assertThat(refused.error()).startsWith("Not sent: ");
            onOwnAddress.verify(0, postRequestedFor(urlEqualTo("/hook")));

            WebhookSender.Outcome arrived = new WebhookSender(settings, new ReceiverAddress(false, true,
                    new ReceiverAddressTest.NoOwnAddresses()), Clock.systemUTC()).send(itself, "msg_4", "{}", secrets);
            assertThat(arrived.delivered()).as(arrived.error()).isTrue();
            onOwnAddress.verify(1, postRequestedFor(urlEqualTo("/hook")));
        } finally {
            onOwnAddress.stop();
        }
    }

    /**
     * A connection that could not be made is said to be that, not "No answer within 5000 ms."
     * (black-box testing on 2026-12-07: an attempt whose connection timed out after 2 s). A listener
     * whose queue of connections is full drops a new one unanswered, as an address nothing answers
     * at does; one that is closed refuses it at once.
     */
    @Test
    void aConnectionThatCannotBeMadeIsSaidToBeThat() throws Exception {
        EventsSettings quick = new Binder(new MapConfigurationPropertySource(java.util.Map.of("behalf.events.connect-timeout", "300ms")))
                .bindOrCreate("behalf.events", EventsSettings.class);
        WebhookSender development = new WebhookSender(quick, new ReceiverAddress(true, false), Clock.systemUTC());
        List<String> secrets = List.of("whsec_" + "A".repeat(44));
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Fill its queue (it never accepts): the connection that times out is the first one left out.
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket();
                queued.add(socket);
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                } catch (SocketTimeoutException left) {
                    break;
                }
            }
            WebhookSender.Outcome timedOut = development.send(URI.create("http://127.0.0.1:" + full.getLocalPort() + "/hook"), "msg_5",
                    "{}", secrets);
            assertThat(timedOut.status()).isNull();
            assertThat(timedOut.error()).isEqualTo("Could not connect to the receiver within 300 ms.");
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
        int closed;
        try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = nothing.getLocalPort();
        }
        assertThat(development.send(URI.create("http://127.0.0.1:" + closed + "/hook"), "msg_6", "{}", secrets).error())
                .isEqualTo("Could not connect to the receiver.");
    }

    @Test
    void inDevelopmentTheSameCallArrives() {
        URI local = URI.create("http://localhost:" + receiver.port() + "/hook");
        WebhookSender development = new WebhookSender(settings, new ReceiverAddress(true, false), Clock.systemUTC());

        WebhookSender.Outcome outcome = development.send(local, "msg_2", "{}", List.of("whsec_" + "A".repeat(44)));

        assertThat(outcome.delivered()).as(outcome.error()).isTrue();
        receiver.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }
}
