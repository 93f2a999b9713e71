package org.behalf.events.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.behalf.identity.api.PlatformSigner;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push delivery of one SET (RFC 8935 section 2): signed now with the platform's current key
 * (RFC 8417 section 2.3, header {@code typ: secevent+jwt}), posted as
 * {@code application/secevent+jwt}, accepted by {@code 202}. A {@code 400} that carries the
 * receiver's reason as {@code {"err", "description"}} (section 2.3) says that SET will never be
 * accepted, so it is not retried ({@link #refused}). A {@code 400} without it is retried like any
 * other failure, as docs/integrators.md promises: a proxy or firewall in front of the receiver
 * answers so too, and a {@code session-revoked} dropped for good left the app holding a revoked
 * grant's tokens (black-box finding, 2026-12-07). Through the same client as webhooks: no
 * redirects, the same timeouts (docs/security.md rule 42).
 */
@Component
class SetPusher {

    static final MediaType SECEVENT_JWT = MediaType.parseMediaType("application/secevent+jwt");
    private static final int MAX_ERROR = 200;

    private final RestClient rest;
    private final PlatformSigner signer;
    private final JsonMapper json;
    private final EventsSettings settings;

    SetPusher(EventsSettings settings, ReceiverAddress addresses, PlatformSigner signer, JsonMapper json) {
        this.rest = WebhookSender.receiverClient(settings, addresses);
        this.signer = signer;
        this.json = json;
        this.settings = settings;
    }

    /** {@code authorization}: the stream's Authorization header (SSF 1.0 section 8.1.1), or null for none. */
    WebhookSender.Outcome push(URI url, String authorization, Map<String, Object> claims) {
        String set = signer.sign("secevent+jwt", claims);
        try {
            return rest.post().uri(url).contentType(SECEVENT_JWT).accept(MediaType.APPLICATION_JSON)
                    .header("User-Agent", "Behalf-SSF/1")
                    .headers(headers -> {
                        if (authorization != null) {
                            headers.set("Authorization", authorization);
                        }
                    })
                    .body(set.getBytes(StandardCharsets.US_ASCII))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status >= 200 && status < 300) {
                            return new WebhookSender.Outcome(status, null);
                        }
                        if (status >= 300 && status < 400) {
                            return new WebhookSender.Outcome(status, "Redirected (HTTP " + status + "); redirects are not followed.");
                        }
                        if (status == 400) {
                            String reason = reason(response.getBody().readNBytes(4096));
                            return reason == null
                                    ? new WebhookSender.Outcome(status, "The receiver answered HTTP 400 without saying why "
                                    + "(RFC 8935's {\"err\", \"description\"}); it is tried again.")
                                    : new WebhookSender.Outcome(status, "The receiver refused the event: " + reason, true);
                        }
                        return new WebhookSender.Outcome(status, "The receiver answered HTTP " + status + ".");
                    });
        } catch (RuntimeException e) {
            return WebhookSender.unanswered(e, settings);
        }
    }

    /** RFC 8935 section 2.3: a 400 with the receiver's error object means this SET is refused for good. */
    static boolean refused(WebhookSender.Outcome outcome) {
        return outcome.refusedForGood();
    }

    /**
     * {@code err} and {@code description} of the receiver's error, shortened for the log; the
     * receiver's words are not trusted further. Null when the body is not RFC 8935's error object
     * (a JSON object whose {@code err} is text).
     */
    private String reason(byte[] body) {
        String reason;
        try {
            JsonNode error = json.readTree(body);
            if (error == null || !error.isObject() || !error.path("err").isString()) {
                return null;
            }
            reason = error.path("err").asString()
                    + (error.hasNonNull("description") ? " (" + error.path("description").asString() + ")" : "");
        } catch (RuntimeException notJson) {
            return null;
        }
        reason = reason.replaceAll("\\p{Cntrl}", " ");
        return reason.length() > MAX_ERROR - 40 ? reason.substring(0, MAX_ERROR - 40) + "…" : reason;
    }
}
