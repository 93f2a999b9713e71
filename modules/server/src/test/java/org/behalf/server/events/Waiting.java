package org.behalf.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Waiting for deliveries, as the receivers of webhooks and SETs see them arrive. */
final class Waiting {

    private Waiting() {
    }

    /** Polls until {@code read} has at least {@code count} items, for at most 5 s (issue 19: delivered within seconds). */
    static <T> List<T> await(Supplier<List<T>> read, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<T> items = read.get();
        while (items.size() < count && System.nanoTime() < deadline) {
            sleep(25);
            items = read.get();
        }
        assertThat(items).hasSizeGreaterThanOrEqualTo(count);
        return items;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
