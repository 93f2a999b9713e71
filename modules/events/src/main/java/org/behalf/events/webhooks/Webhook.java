package org.behalf.events.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as stored; {@code secret} and {@code previousSecret} are sealed with the
 * key-encryption key, never shown after creation or rotation.
 *
 * @param previousUntil until when the previous secret still signs (the rotation's grace period)
 * @param status        {@code active}, or {@code disabled} by its owner or after 24 hours of failures
 */
record Webhook(String ownerId, String id, String clientId, String url, List<String> events, String secret, String previousSecret,
               Instant previousUntil, String status, Instant createdAt, Instant disabledAt) {

    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    Webhook {
        events = List.copyOf(events);
    }

    boolean active() {
        return ACTIVE.equals(status);
    }
}
