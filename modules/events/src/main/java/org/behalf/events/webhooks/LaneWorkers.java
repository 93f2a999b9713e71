package org.behalf.events.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * deliveries, first due first, those of owners with nothing in flight before the others, and cuts
 * them into runs of one subscription each, at most {@link #RUN} long; a subscription has at most
 * {@code perSubscription} runs in flight and an owner at most {@code perOwner} ({@link LaneShares}),
 * so slow receivers hold that share of the pool and never the rest (docs/security.md rule 42). Deliveries
 * are not promised in order (docs/integrators-events.md), so one subscription's backlog goes out
 * over several runs at once. A finished run wakes the claim at once instead of at the next poll.
 */
final class LaneWorkers {

    private static final Logger log = LoggerFactory.getLogger(LaneWorkers.class);
    /** Deliveries of one subscription one worker sends one after the other. */
    static final int RUN = 10;

    private final Lane lane;
    private final int workers;
    private final Duration lease;
    private final DeliveryRepository deliveries;
    private final Deliverer deliverer;
    private final TransactionTemplate claims;
    /** Made on start and shut down on stop: a test context is stopped while paused and started again when used. */
    private volatile ExecutorService pool;
    /** Runs in flight on this node, per subscription and per owner. */
    private final LaneShares shares;
    private final AtomicInteger running = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);

    LaneWorkers(Lane lane, int workers, int perSubscription, int perOwner, Duration lease, DeliveryRepository deliveries,
                Deliverer deliverer, TransactionTemplate claims) {
        this.lane = lane;
        this.workers = workers;
        this.shares = new LaneShares(perSubscription, perOwner);
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
        List<String> sending = shares.sendingOwners();
        List<String> fullOwners = shares.fullOwners();
        List<String> fullSubscriptions = shares.fullSubscriptions();
        List<List<Delivery>> runs = claims.execute(status -> {
            // First the owners with nothing in flight here: the first due rows of the lane may all be
            // of owners already sending (a dead receiver's backlog, claimed again at each retry), and
            // a waiting owner would see a free worker taken by them time after time (docs/security.md rule 42).
            List<Delivery> due = deliveries.lockDue(lane, now, List.of(), sending, free * RUN);
            List<List<Delivery>> taken = shares.plan(due, free, RUN);
            if (taken.size() < free && !sending.isEmpty()) {
                // Then anyone within their shares, so one owner's burst to working receivers still goes out in parallel.
                due = LaneShares.union(due, deliveries.lockDue(lane, now, fullSubscriptions, fullOwners, free * RUN));
                taken = shares.plan(due, free, RUN);
            }
            List<Delivery> leased = taken.stream().flatMap(List::stream).toList();
            if (!leased.isEmpty()) {
                deliveries.leaseAll(leased, now.plus(lease.multipliedBy(RUN)));
            }
            return taken;
        });
        for (List<Delivery> run : runs) {
            String subscription = run.get(0).webhookId();
            shares.started(run.get(0));
            running.incrementAndGet();
            workersNow.execute(() -> {
                boolean attempted = false;
                try {
                    attempted = deliverer.deliver(run);
                } catch (RuntimeException e) {
                    // Not recorded: the lease runs out and another claim sends them again (at least once).
                    log.warn("{} run of {} not recorded: {}", lane.stored, subscription, e.toString());
                } finally {
                    shares.ended(run.get(0));
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
