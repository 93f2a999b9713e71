package org.behalf.events.webhooks;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.FilteredHostException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends one signed delivery (Standard Webhooks, DESIGN.md section 6). Redirects are never followed:
 * a receiver could otherwise send the request on to an inside address after the address check
 * (docs/security.md rule 42); a redirect counts as a failed attempt. Connect and read timeouts are
 * explicit so that a slow receiver holds one worker for at most their sum.
 */
@Component
class WebhookSender {

    private final RestClient rest;
    private final Clock clock;
    private final EventsSettings settings;

    WebhookSender(EventsSettings settings, ReceiverAddress addresses, Clock clock) {
        this.rest = receiverClient(settings, addresses);
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The client every delivery (webhook or SET) goes out through: no redirects, explicit timeouts,
     * and Apache HttpClient under Spring's RestClient rather than the JDK's client, because it
     * connects through the resolver it is given: with Boot's address filter the addresses the rule
     * of {@link ReceiverAddress} checked are the ones connected to. The JDK's client resolves names
     * itself, so a check made before it (Boot's filter works there through a proxy selector) leaves
     * a moment in which the name can be re-pointed (DNS rebinding, docs/security.md rule 42).
     */
    static RestClient receiverClient(EventsSettings settings, ReceiverAddress addresses) {
        // No automatic retries: Apache HttpClient would repeat a POST answered 503 or 429 by itself,
        // and every attempt must be one attempt in the delivery log, retried on our backoff.
        return RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
                .withHttpClientCustomizer(http -> http.disableAutomaticRetries())
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())
                        .withRedirects(HttpRedirects.DONT_FOLLOW).withInetAddressFilter(addresses.connectable()))).build();
    }

    /**
     * What the receiver answered: its status, or null and why there was none; {@code refusedForGood}
     * when the receiver said this event will never be accepted, so it is not tried again
     * ({@link SetPusher}).
     */
    record Outcome(Integer status, String error, boolean refusedForGood) {
        Outcome(Integer status, String error) {
            this(status, error, false);
        }

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** Posts {@code body} signed with every secret in {@code secrets} (two during a rotation's grace period). */
    Outcome send(URI url, String id, String body, List<String> secrets) {
        long timestamp = clock.instant().getEpochSecond();
        String signatures = String.join(" ", secrets.stream().map(secret -> WebhookSignature.sign(secret, id, timestamp, body)).toList());
        try {
            int status = rest.post().uri(url).contentType(MediaType.APPLICATION_JSON)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signatures)
                    .header("User-Agent", "Behalf-Webhooks/1")
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode().value());
            if (status >= 300 && status < 400) {
                return new Outcome(status, "Redirected (HTTP " + status + "); redirects are not followed.");
            }
            return new Outcome(status, status >= 200 && status < 300 ? null : "The receiver answered HTTP " + status + ".");
        } catch (RuntimeException e) {
            return unanswered(e, settings);
        }
    }

    /** Why there was no answer, in the delivery log's words. */
    static Outcome unanswered(RuntimeException e, EventsSettings settings) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FilteredHostException filtered) {
                return new Outcome(null, "Not sent: " + filtered.getHost() + " now leads only to inside addresses, where events are never delivered.");
            }
        }
        // A connection that could not be made is not a receiver that did not answer: black-box testing on 2026-12-07
        // read "No answer within 5000 ms." for an address nothing listened at, after the 2 s connect timeout.
        if (notConnected(e)) {
            return new Outcome(null, timedOut(e) ? "Could not connect to the receiver within " + settings.connectTimeout().toMillis() + " ms."
                    : "Could not connect to the receiver.");
        }
        return new Outcome(null, timedOut(e) ? "No answer within " + settings.readTimeout().toMillis() + " ms."
                : "Could not reach the receiver.");
    }

    private static boolean notConnected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
