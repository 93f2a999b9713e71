package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How one key's items (here, one grant's exchanges) wait for each other: those arriving while a batch runs are run together
 * next, each answered with its own outcome in its own thread; a failed batch fails only its own
 * exchanges; another grant's exchanges never wait for it.
 */
class KeyedBatchesTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** The batches run, in order, as the items they held. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    /** Batches hold here, by their first item, until released. */
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private final KeyedBatches<String, String> batcher = new KeyedBatches<>((grantId, items) -> {
        batches.add(List.copyOf(items));
        CountDownLatch hold = holds.get(items.get(0));
        if (hold != null) {
            await(hold);
        }
        if (items.contains("boom")) {
            throw new IllegalStateException("the database failed the batch");
        }
        return items.stream().map(item -> item.startsWith("refused")
                ? KeyedBatches.Outcome.<String>failed(new IllegalArgumentException(item))
                : KeyedBatches.Outcome.of(grantId + ":" + item)).toList();
    });

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void exchangesArrivingWhileABatchRunsAreRunTogetherNextEachWithItsOwnOutcome() throws Exception {
        CountDownLatch first = hold("first");
        Future<String> leader = submit("grant-1", "first");
        awaitBatches(1);
        List<Future<String>> waiting = new ArrayList<>();
        for (String item : List.of("b", "c", "refused-d", "e")) {
            waiting.add(submit("grant-1", item));
            awaitParked(item);
        }
        first.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:first");
        assertThat(waiting.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:b");
        assertThat(waiting.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:c");
        assertThat(failure(waiting.get(2))).isInstanceOf(IllegalArgumentException.class).hasMessage("refused-d");
        assertThat(waiting.get(3).get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:e");
        assertThat(batches).containsExactly(List.of("first"), List.of("b", "c", "refused-d", "e"));
    }

    @Test
    void aFailedBatchFailsEachOfItsExchangesAndTheNextBatchStillRuns() throws Exception {
        CountDownLatch first = hold("first");
        Future<String> leader = submit("grant-1", "first");
        awaitBatches(1);
        Future<String> boom = submit("grant-1", "boom");
        awaitParked("boom");
        Future<String> alongside = submit("grant-1", "alongside");
        awaitParked("alongside");
        first.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:first");
        assertThat(failure(boom)).hasMessage("the database failed the batch");
        assertThat(failure(alongside)).hasMessage("the database failed the batch");
        assertThat(submit("grant-1", "after").get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:after");
        assertThat(batches).containsExactly(List.of("first"), List.of("boom", "alongside"), List.of("after"));
    }

    @Test
    void anotherGrantsExchangeDoesNotWaitForARunningBatch() throws Exception {
        CountDownLatch first = hold("first");
        Future<String> held = submit("grant-1", "first");
        awaitBatches(1);

        assertThat(submit("grant-2", "other").get(10, TimeUnit.SECONDS)).isEqualTo("grant-2:other");
        assertThat(held).isNotDone();
        first.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("grant-1:first");
    }

    @Test
    void noExchangeIsLostOrAnsweredTwiceUnderContention() throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(submit("grant-" + (i % 3), "x" + i));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("grant-" + (i % 3) + ":x" + i);
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(400);
        assertThat(batches).allMatch(batch -> batch.size() <= KeyedBatches.MAX_BATCH);
    }

    private CountDownLatch hold(String item) {
        CountDownLatch latch = new CountDownLatch(1);
        holds.put(item, latch);
        return latch;
    }

    private Future<String> submit(String grantId, String item) {
        return threads.submit(() -> {
            Thread.currentThread().setName("exchange " + item);
            return batcher.run(grantId, item);
        });
    }

    private void awaitBatches(int count) throws InterruptedException {
        for (int i = 0; i < 500 && batches.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(batches).hasSize(count);
    }

    /** Until the thread of {@code item} waits for its turn. */
    private static void awaitParked(String item) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey().getName().equals("exchange " + item) && thread.getKey().getState() == Thread.State.WAITING) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the exchange " + item + " never came to wait");
    }

    private static Throwable failure(Future<String> answer) throws Exception {
        try {
            answer.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("answered without a failure");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
