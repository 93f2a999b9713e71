package org.behalf.events.webhooks;

import java.time.Instant;
import java.util.List;

import org.behalf.kernel.OpaqueIds;

/**
 * A Shared Signals push stream as stored (OpenID SSF 1.0 section 8.1.1): it belongs to one of its
 * owner's clients, which is its audience ({@code aud}) and the only receiver of its events.
 *
 * @param issuer the transmitter's issuer when the stream was made: its SETs' {@code iss}
 * @param status {@code enabled}, {@code paused} (events are kept until it is enabled) or
 *               {@code disabled} (events are dropped), SSF 1.0 section 8.1.2
 * @param reason why the status was last changed, as the receiver or the transmitter said it
 * @param liveSince since when the stream has not been disabled: an event that occurred before then
 *               (while it was disabled) is dropped, even if it is fanned out after an enable (to
 *               the second: see FanOut)
 * @param authorization the Authorization header every push carries (SSF 1.0 section 8.1.1), sealed
 *               ({@link WebhookSecrets#sealAuthorization}), or null for none
 */
record Stream(String ownerId, String id, String clientId, String issuer, String url, List<String> events, String description,
              String status, String reason, Instant liveSince, Instant createdAt, String authorization) {

    /** A stream's id starts so; a delivery whose subscription id does is a SET for that stream. */
    static final String ID_PREFIX = "ssf_";
    static final String ENABLED = "enabled";
    static final String PAUSED = "paused";
    static final String DISABLED = "disabled";
    static final List<String> STATUSES = List.of(ENABLED, PAUSED, DISABLED);

    Stream {
        events = List.copyOf(events);
    }

    static boolean isStream(String subscriptionId) {
        return subscriptionId.startsWith(ID_PREFIX);
    }

    /** Whether {@code id} is spelt as a stream's id is made: {@link #ID_PREFIX} and 22 random characters ({@code OpaqueIds}). */
    static boolean isStreamId(String id) {
        return OpaqueIds.isOf(ID_PREFIX.substring(0, ID_PREFIX.length() - 1), id);
    }

    Stream with(String newUrl, List<String> newEvents, String newDescription, String newStatus, String newReason, String newAuthorization) {
        return new Stream(ownerId, id, clientId, issuer, newUrl, newEvents, newDescription, newStatus, newReason, liveSince, createdAt,
                newAuthorization);
    }

    /** The stream with a new status; leaving {@code disabled} starts a new {@code liveSince}. */
    Stream withStatus(String newStatus, String newReason, Instant now) {
        Instant since = DISABLED.equals(status) && !DISABLED.equals(newStatus) ? now : liveSince;
        return new Stream(ownerId, id, clientId, issuer, url, events, description, newStatus, newReason, since, createdAt, authorization);
    }
}
