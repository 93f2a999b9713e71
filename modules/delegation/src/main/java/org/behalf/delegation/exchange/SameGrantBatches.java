package org.behalf.delegation.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the exchanges of one grant that wait at the same time as one batch: one transaction and one
 * locked read of the grant for all of them. Exchanges of a grant take its row lock one at a time
 * (SECURITY-CASES 7), and on a busy node each turn under the lock was mostly spent waiting for a
 * core between its round trips to the database (docs/benchmark-history.md, 2026-12-06), so one
 * grant's exchanges ran far slower than as many grants' exchanges.
 *
 * <p>The first exchange of a grant to arrive runs a batch of itself and every exchange of that
 * grant waiting by then (at most {@link #MAX_BATCH}); those wait for their outcome without holding
 * a database connection. When the batch is done, the exchange that has waited longest runs the
 * next one. Nothing relies on this for correctness: whichever thread runs an exchange, the grant's
 * row lock still orders it against every revocation and narrowing, on every node.
 *
 * <p>Hand-written: this is flat combining by key (Hendler et al., 2010), a few lines over the JDK's
 * concurrent map, and no library at hand offers it.
 */
final class SameGrantBatches<T, R> {

    static final int MAX_BATCH = 32;

    /** What a batch gives one of its exchanges: a value, or the exception its own thread throws. */
    record Outcome<R>(R value, RuntimeException failure) {

        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }

    /** Runs a batch of one grant's exchanges; answers one outcome per item, in their order. */
    interface Work<T, R> {
        List<Outcome<R>> run(String grantId, List<T> items);
    }

    /** Grants with a batch running, and the exchanges waiting behind it. */
    private final ConcurrentHashMap<String, ArrayDeque<Waiting<T, R>>> running = new ConcurrentHashMap<>();
    private final Work<T, R> work;

    SameGrantBatches(Work<T, R> work) {
        this.work = work;
    }

    /** Runs {@code item} in a batch of its grant's exchanges, and answers its outcome in this thread. */
    R run(String grantId, T item) {
        Waiting<T, R> self = new Waiting<>(item);
        boolean[] leads = {false};
        running.compute(grantId, (key, queue) -> {
            if (queue == null) {
                leads[0] = true;
                return new ArrayDeque<>();
            }
            queue.add(self);
            return queue;
        });
        if (!leads[0]) {
            // Completed with this exchange's outcome, or to make it run the next batch.
            self.turn.join();
            if (self.outcome != null) {
                return self.answer();
            }
        }
        List<Waiting<T, R>> batch = new ArrayList<>();
        batch.add(self);
        running.computeIfPresent(grantId, (key, queue) -> {
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return queue;
        });
        try {
            runBatch(grantId, batch);
        } finally {
            // The longest waiting exchange runs the next batch; with none waiting, the grant has none running.
            AtomicReference<Waiting<T, R>> next = new AtomicReference<>();
            running.compute(grantId, (key, queue) -> {
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

    private void runBatch(String grantId, List<Waiting<T, R>> batch) {
        List<T> items = batch.stream().map(waiting -> waiting.item).toList();
        List<Outcome<R>> outcomes;
        try {
            outcomes = work.run(grantId, items);
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("a batch answered " + outcomes.size() + " outcomes for " + batch.size() + " exchanges");
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

    /** One exchange in line; its outcome is written before its turn completes, and read after. */
    private static final class Waiting<T, R> {
        private final T item;
        private final CompletableFuture<Void> turn = new CompletableFuture<>();
        private volatile Outcome<R> outcome;

        Waiting(T item) {
            this.item = item;
        }

        R answer() {
            if (outcome == null) {
                throw new IllegalStateException("an exchange's batch ended without its outcome");
            }
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.value();
        }
    }
}
