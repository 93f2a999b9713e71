package org.behalf.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waiting for deliveries, as the receivers of webhooks and SETs see them arrive: shared by the
 * events module's own tests and the server's journeys that end at a receiver.
 */
public final class Waiting {

    private Waiting() {
    }

    /** Polls until {@code read} has at least {@code count} items, for at most 5 s (issue 19: delivered within seconds). */
    public static <T> List<T> await(Supplier<List<T>> read, int count) {
        return await(read, count, Duration.ofSeconds(5));
    }

    /** Polls until {@code read} has at least {@code count} items, for at most {@code within}. */
    public static <T> List<T> await(Supplier<List<T>> read, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<T> items = read.get();
        while (items.size() < count && System.nanoTime() < deadline) {
            sleep(25);
            items = read.get();
        }
        if (items.size() < count) {
            throw new AssertionError("Expected at least " + count + " within " + within.toSeconds() + " s, got " + items.size() + ": " + items);
        }
        return items;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
