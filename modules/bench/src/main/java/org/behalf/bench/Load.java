package org.behalf.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one kind of request from a fixed number of concurrent workers for a fixed time, after a
 * warm-up, and reports throughput and latency percentiles. Bounded in time by construction: it
 * stops by itself.
 */
public final class Load {

    /** One request; answers whether it succeeded. Each worker gets its own instance. */
    @FunctionalInterface
    public interface Request {
        boolean send() throws Exception;
    }

    @FunctionalInterface
    public interface RequestFactory {
        Request forWorker(int worker) throws Exception;
    }

    public record Result(String name, int workers, long requests, long failures, double seconds,
                         double perSecond, double p50Millis, double p99Millis, double maxMillis) {

        /** A load that timed no single request (the soak) gives NaN latencies, shown as none. */
        @Override
        public String toString() {
            String counts = String.format("%-40s %2d workers  %8d requests  %6d failed  %9.1f/s", name, workers, requests, failures, perSecond);
            return Double.isNaN(p50Millis) ? counts
                    : counts + String.format("  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms", p50Millis, p99Millis, maxMillis);
        }
    }

    private Load() {
    }

    public static Result run(String name, int workers, Duration warmUp, Duration measure, RequestFactory factory)
            throws Exception {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            requests.add(factory.forWorker(i));
        }
        phase(requests, warmUp, false);
        return phase(requests, measure, true).named(name, workers);
    }

    /**
     * Runs several kinds of request in turn, a slice of each per round (the order reversed every other
     * round), after warming each up: drifts of the machine (the database's background work, the JIT)
     * then fall on every kind alike, which is what a ratio between two kinds needs. Each kind is
     * measured over all its slices together; each slice's rate is printed as it ends.
     */
    public static List<Result> alternate(List<String> names, int workers, Duration warmUp, Duration slice, int rounds,
                                         List<RequestFactory> factories) throws Exception {
        List<List<Request>> kinds = new ArrayList<>();
        for (RequestFactory factory : factories) {
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                requests.add(factory.forWorker(i));
            }
            kinds.add(requests);
            phase(requests, warmUp, false);
        }
        List<List<Measured>> slices = new ArrayList<>();
        kinds.forEach(kind -> slices.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            // Every other round in reverse order (A B, B A, ...): a drift along the run then falls
            // on both kinds alike, not on whichever always goes first.
            for (int i = 0; i < kinds.size(); i++) {
                int kind = round % 2 == 0 ? i : kinds.size() - 1 - i;
                Measured measured = phase(kinds.get(kind), slice, true);
                slices.get(kind).add(measured);
                System.out.printf("  %s slice %d of %s: %.1f/s%n", LocalTime.now().withNano(0), round + 1, names.get(kind),
                        measured.sortedNanos().length / measured.seconds());
            }
        }
        List<Result> results = new ArrayList<>();
        for (int kind = 0; kind < kinds.size(); kind++) {
            List<Measured> measured = slices.get(kind);
            long[] all = measured.stream().flatMapToLong(m -> Arrays.stream(m.sortedNanos())).sorted().toArray();
            results.add(new Measured(all, measured.stream().mapToLong(Measured::failures).sum(),
                    measured.stream().mapToDouble(Measured::seconds).sum()).named(names.get(kind), workers));
        }
        return results;
    }

    private static Measured phase(List<Request> requests, Duration length, boolean keep) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (Request request : requests) {
            Latencies own = new Latencies();
            latencies.add(own);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = request.send();
                    } catch (Exception e) {
                        ok = false;
                    }
                    own.add(System.nanoTime() - t0);
                    if (!ok) {
                        failures.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!keep) {
            return new Measured(new long[0], failures.get(), seconds);
        }
        long[] all = latencies.stream().flatMapToLong(own -> Arrays.stream(own.values, 0, own.size)).sorted().toArray();
        return new Measured(all, failures.get(), seconds);
    }

    /** One worker's latencies in nanoseconds; written by that worker only, read after it ends. */
    private static final class Latencies {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }
    }

    private record Measured(long[] sortedNanos, long failures, double seconds) {
        Result named(String name, int workers) {
            long n = sortedNanos.length;
            return new Result(name, workers, n, failures, seconds, n / seconds,
                    percentile(0.50), percentile(0.99), n == 0 ? 0 : sortedNanos[(int) n - 1] / 1e6);
        }

        double percentile(double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }
}
