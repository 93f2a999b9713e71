package org.behalf.events.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One lane's bounded pool on this node, and its claims ({@link Lane}). A claim takes the lane's due
 * deliveries, first due first, and cuts them into runs of one subscription each, at most
 * {@link #RUN} long; a subscription has at most {@code perSubscription} runs in flight, so a slow
 * receiver holds that share of the pool and never the rest (docs/security.md rule 42). Deliveries
 * are not promised in order (docs/integrators-events.md), so one subscription's backlog goes out
 * over several runs at once. A finished run wakes the claim at once instead of at the next poll.
 */
final class LaneWorkers {

    private static final Logger log = LoggerFactory.getLogger(LaneWorkers.class);
    /** Deliveries of one subscription one worker sends one after the other. */
    static final int RUN = 10;

    private final Lane lane;
    private final int workers;
    private final int perSubscription;
    private final Duration lease;
    private final DeliveryRepository deliveries;
    private final Deliverer deliverer;
    private final TransactionTemplate claims;
    /** Made on start and shut down on stop: a test context is stopped while paused and started again when used. */
    private volatile ExecutorService pool;
    /** Runs in flight on this node, per subscription. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);

    LaneWorkers(Lane lane, int workers, int perSubscription, Duration lease, DeliveryRepository deliveries, Deliverer deliverer,
                TransactionTemplate claims) {
        this.lane = lane;
        this.workers = workers;
        this.perSubscription = perSubscription;
        this.lease = lease;
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.claims = claims;
    }

    void start() {
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, lane.stored + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits until a run ends or something new may be due ({@link #wake}), or {@code poll} passes. */
    void await(Duration poll) throws InterruptedException {
        wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
    }

    void wake() {
        wake.release();
    }

    /**
     * Claims what this node's free workers can take, leases it in the same transaction, and starts
     * the runs; again while a claim started runs and workers are left (a claim's rows may all be of
     * one subscription, which then has its share), a few times at most.
     */
    void dispatch(Instant now) {
        for (int claim = 0; claim < 4 && claimOnce(now) > 0; claim++) {
            // next claim
        }
    }

    private int claimOnce(Instant now) {
        ExecutorService workersNow = pool;
        int free = workers - running.get();
        if (free <= 0 || workersNow == null) {
            return 0;
        }
        List<String> busy = inFlight.entrySet().stream().filter(e -> e.getValue() >= perSubscription).map(Map.Entry::getKey).toList();
        List<List<Delivery>> runs = claims.execute(status -> {
            Map<String, List<Delivery>> due = new LinkedHashMap<>();
            for (Delivery delivery : deliveries.lockDue(lane, now, busy, free * RUN)) {
                due.computeIfAbsent(delivery.webhookId(), id -> new ArrayList<>()).add(delivery);
            }
            List<List<Delivery>> taken = new ArrayList<>();
            List<Delivery> leased = new ArrayList<>();
            for (Map.Entry<String, List<Delivery>> subscription : due.entrySet()) {
                int allowed = Math.min(perSubscription - inFlight.getOrDefault(subscription.getKey(), 0), free - taken.size());
                List<Delivery> rows = subscription.getValue();
                int count = Math.min(allowed, rows.size());
                if (count <= 0) {
                    continue;
                }
                // Dealt round the subscription's runs, so that a short backlog goes out in parallel too.
                List<List<Delivery>> split = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    split.add(new ArrayList<>());
                }
                for (int i = 0; i < Math.min(rows.size(), count * RUN); i++) {
                    split.get(i % count).add(rows.get(i));
                    leased.add(rows.get(i));
                }
                taken.addAll(split);
            }
            if (!leased.isEmpty()) {
                deliveries.leaseAll(leased, now.plus(lease.multipliedBy(RUN)));
            }
            return taken;
        });
        for (List<Delivery> run : runs) {
            String subscription = run.get(0).webhookId();
            inFlight.merge(subscription, 1, Integer::sum);
            running.incrementAndGet();
            workersNow.execute(() -> {
                boolean attempted = false;
                try {
                    attempted = deliverer.deliver(run);
                } catch (RuntimeException e) {
                    // Not recorded: the lease runs out and another claim sends them again (at least once).
                    log.warn("{} run of {} not recorded: {}", lane.stored, subscription, e.toString());
                } finally {
                    inFlight.computeIfPresent(subscription, (id, count) -> count > 1 ? count - 1 : null);
                    running.decrementAndGet();
                    if (attempted) {
                        wake(); // not after a release: that would claim the same rows again at once
                    }
                }
            });
        }
        return runs.size();
    }

    void stop() {
        ExecutorService stopping = pool;
        pool = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }
}
