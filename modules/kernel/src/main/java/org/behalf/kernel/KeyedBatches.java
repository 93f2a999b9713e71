package org.behalf.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the items of one key that wait at the same time as one batch, each caller answered with its
 * own outcome in its own thread. Two uses:
 * <ul>
 * <li>One grant's token exchanges: one transaction and one locked read of the grant for all of them.
 * Exchanges of a grant take its row lock one at a time (SECURITY-CASES 7), and on a busy node each
 * turn under the lock was mostly spent waiting for a core between its round trips to the database
 * (docs/benchmark-history.md, 2026-12-06), so one grant's exchanges ran far slower than as many
 * grants' exchanges. Nothing relies on the batch for correctness: whichever thread runs an
 * exchange, the grant's row lock still orders it against every revocation and narrowing, on every
 * node.</li>
 * <li>Newly issued client-credentials tokens: one INSERT for the rows of all of them. That INSERT
 * and its commit were most of the token endpoint's cost (docs/operations.md, 2026-12-06).</li>
 * </ul>
 *
 * <p>The first item of a key to arrive runs a batch of itself and every item of that key waiting
 * by then (at most {@link #MAX_BATCH}); those wait for their outcome without holding a database
 * connection. When the batch is done, the item that has waited longest runs the next one. A failed
 * batch fails its own items only; another key's items never wait for it.
 *
 * <p>Hand-written: this is flat combining by key (Hendler et al., 2010), a few lines over the JDK's
 * concurrent map, and no library at hand offers it.
 */
public final class KeyedBatches<T, R> {

    public static final int MAX_BATCH = 32;

    /** What a batch gives one of its items: a value, or the exception its own thread throws. */
    public record Outcome<R>(R value, RuntimeException failure) {

        public static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }

    /** Runs a batch of one key's items; answers one outcome per item, in their order. */
    public interface Work<T, R> {
        List<Outcome<R>> run(String key, List<T> items);
    }

    /** Keys with a batch running, and the items waiting behind it. */
    private final ConcurrentHashMap<String, ArrayDeque<Waiting<T, R>>> running = new ConcurrentHashMap<>();
    private final Work<T, R> work;

    public KeyedBatches(Work<T, R> work) {
        this.work = work;
    }

    /** Runs {@code item} in a batch of its key's items, and answers its outcome in this thread. */
    public R run(String key, T item) {
        Waiting<T, R> self = new Waiting<>(item);
        boolean[] leads = {false};
        running.compute(key, (k, queue) -> {
            if (queue == null) {
                leads[0] = true;
                return new ArrayDeque<>();
            }
            queue.add(self);
            return queue;
        });
        if (!leads[0]) {
            // Completed with this item's outcome, or to make it run the next batch.
            self.turn.join();
            if (self.outcome != null) {
                return self.answer();
            }
        }
        List<Waiting<T, R>> batch = new ArrayList<>();
        batch.add(self);
        running.computeIfPresent(key, (k, queue) -> {
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return queue;
        });
        try {
            runBatch(key, batch);
        } finally {
            // The longest waiting item runs the next batch; with none waiting, the key has none running.
            AtomicReference<Waiting<T, R>> next = new AtomicReference<>();
            running.compute(key, (k, queue) -> {
                next.set(queue == null ? null : queue.poll());
                return next.get() == null ? null : queue;
            });
            for (Waiting<T, R> waiting : batch.subList(1, batch.size())) {
                waiting.turn.complete(null);
            }
            if (next.get() != null) {
                next.get().turn.complete(null);
            }
        }
        return self.answer();
    }

    private void runBatch(String key, List<Waiting<T, R>> batch) {
        List<T> items = batch.stream().map(waiting -> waiting.item).toList();
        List<Outcome<R>> outcomes;
        try {
            outcomes = work.run(key, items);
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("a batch answered " + outcomes.size() + " outcomes for " + batch.size() + " items");
            }
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            batch.forEach(waiting -> waiting.outcome = Outcome.failed(failure));
            throw e;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome = outcomes.get(i);
        }
    }

    /** One item in line; its outcome is written before its turn completes, and read after. */
    private static final class Waiting<T, R> {
        private final T item;
        private final CompletableFuture<Void> turn = new CompletableFuture<>();
        private volatile Outcome<R> outcome;

        Waiting(T item) {
            this.item = item;
        }

        R answer() {
            if (outcome == null) {
                throw new IllegalStateException("an item's batch ended without its outcome");
            }
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.value();
        }
    }
}
