package org.behalf.events.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event for one subscription; {@code id} is the {@code webhook-id} header, the same on every
 * attempt so that receivers can drop duplicates (at-least-once delivery).
 *
 * @param retryFrom since when it has been retried: past {@code giveUpAfter} from it, it fails for good
 * @param status {@code pending}, {@code delivered}, {@code failed} (given up) or {@code held} (its subscription is disabled,
 *               or its stream paused) or {@code dropped} (its stream was disabled)
 */
record Delivery(String ownerId, String id, String webhookId, String type, String body, String status, int attempts,
                Instant createdAt, Instant retryFrom, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String HELD = "held";
    static final String DROPPED = "dropped";

    /** One attempt, for the delivery log. */
    record Attempt(int attempt, Instant attemptedAt, Integer responseStatus, String error, int durationMs) {
    }

    /** A delivery with its attempts, as the delivery log lists it. */
    record Logged(String id, String type, String status, int attempts, Instant createdAt, Instant nextAttemptAt, Integer lastStatus,
                  String lastError, List<Attempt> attemptLog) {
    }
}
