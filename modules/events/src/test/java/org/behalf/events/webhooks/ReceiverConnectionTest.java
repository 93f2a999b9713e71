package org.behalf.events.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
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

    @Test
    void inDevelopmentTheSameCallArrives() {
        URI local = URI.create("http://localhost:" + receiver.port() + "/hook");
        WebhookSender development = new WebhookSender(settings, new ReceiverAddress(true, false), Clock.systemUTC());

        WebhookSender.Outcome outcome = development.send(local, "msg_2", "{}", List.of("whsec_" + "A".repeat(44)));

        assertThat(outcome.delivered()).as(outcome.error()).isTrue();
        receiver.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }
}
