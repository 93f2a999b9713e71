package org.behalf.events.webhooks;

import java.time.Instant;
import java.util.List;

import org.behalf.kernel.InvalidRequest;
import org.jspecify.annotations.Nullable;

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

    /** A webhook delivery's id is {@code msg_} and 22 random characters, a stream's SET's {@code set_} ({@code OpaqueIds}). */
    static final String WEBHOOK_ID_PREFIX = "msg";
    static final String SET_ID_PREFIX = "set";
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String HELD = "held";
    static final String DROPPED = "dropped";

    /** One attempt, for the delivery log. */
    record Attempt(int attempt, Instant attemptedAt, @Nullable Integer responseStatus, @Nullable String error, int durationMs) {
    }

    /** The most deliveries one page of a log holds. */
    static final int MAX_PAGE = 100;

    /** A log page's size, or a 400 problem. */
    static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("limit", "Ask for 1 to " + MAX_PAGE + " deliveries at a time.");
        }
        return limit;
    }

    /** {@code {"items", "next"}}: {@code next} the last id when the page is full, the cursor of the following page. */
    static Page page(List<Logged> items, int limit) {
        return new Page(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    /** A page of a delivery log, a record so that the document gives its shape (a map had none). */
    record Page(List<Logged> items, @Nullable String next) {
    }

    /** A delivery with its attempts, as the delivery log lists it. */
    record Logged(String id, String type, String status, int attempts, Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Integer lastStatus,
                  @Nullable String lastError, List<Attempt> attemptLog) {
    }
}
