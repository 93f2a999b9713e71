package org.behalf.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls made by as many threads released together, for races: each thread waits until all are
 * started, so the calls reach the server as nearly at once as threads allow.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /** The same call made {@code times} times at once; each result, in no particular order. */
    public static <T> List<T> run(int times, Callable<T> call) throws Exception {
        return all(Collections.nCopies(times, call));
    }

    /** Each call on a thread of its own, released together; their results in the calls' order. */
    public static <T> List<T> all(List<? extends Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
