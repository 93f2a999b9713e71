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
        List<String> sendingOwners = shares.sendingOwners();
        List<String> sendingSubscriptions = shares.sendingSubscriptions();
        List<String> fullOwners = shares.fullOwners();
        // Who a claim looks at, in turn while workers are left: the first due rows of the lane may all be
        // of receivers already being sent to (a dead receiver's backlog, claimed again at each retry), and
        // one waiting would see each free worker taken by them time after time (docs/security.md rule 42).
        // First the owners with nothing in flight here; then, within their owners' shares, the
        // subscriptions with nothing in flight; then anyone within their shares, so that a burst to
        // working receivers still goes out in parallel.
        List<LeftOut> tiers = List.of(new LeftOut(List.of(), sendingOwners), new LeftOut(sendingSubscriptions, fullOwners),
                new LeftOut(shares.fullSubscriptions(), fullOwners));
        List<List<Delivery>> runs = claims.execute(status -> {
            List<Delivery> due = List.of();
            List<List<Delivery>> taken = List.of();
            for (int tier = 0; tier < tiers.size() && taken.size() < free; tier++) {
                if (tier > 0 && sendingOwners.isEmpty()) {
                    break; // nothing in flight: the first claim left nobody out
                }
                due = LaneShares.union(due, deliveries.lockDue(lane, now, tiers.get(tier).subscriptions(),
                        tiers.get(tier).owners(), free * RUN));
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

    /** Whose due deliveries one of a claim's reads leaves out. */
    private record LeftOut(List<String> subscriptions, List<String> owners) {
    }

    void stop() {
        ExecutorService stopping = pool;
        pool = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }
}
