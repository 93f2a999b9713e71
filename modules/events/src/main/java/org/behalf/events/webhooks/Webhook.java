package org.behalf.events.webhooks;

import java.time.Duration;
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

    /** A webhook's id is {@code whk_} and 22 random characters ({@code OpaqueIds}). */
    static final String ID_PREFIX = "whk";
    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    /**
     * How long a disabled subscription's events are kept for it (held, docs/integrators-events.md):
     * events from its first {@code HOLD_FOR} disabled are held and sent once it is enabled again; a
     * held delivery older than this when it is enabled fails instead (the log says so, and the app
     * reads the current state from the API), and a subscription disabled for longer holds no more.
     * The bound keeps a subscription nobody enables again from collecting every event of its users for
     * ever; seven days is a week's holiday of its owner.
     */
    static final Duration HOLD_FOR = Duration.ofDays(7);

    Webhook {
        events = List.copyOf(events);
    }

    boolean active() {
        return ACTIVE.equals(status);
    }
}
