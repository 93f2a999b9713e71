package org.behalf.events.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers webhooks and Shared Signals SETs (DESIGN.md section 6), one mechanism for both, in two
 * lanes ({@link Lane}): state lives in the tables, so a restart loses nothing; a node leases what
 * it sends, so an attempt runs once across nodes; each lane has a bounded pool
 * ({@link LaneWorkers}) in which one subscription holds a bounded share, so a slow receiver never
 * delays the others (docs/security.md rule 42); {@link Deliverer} sends and records.
 *
 * <p>Three loops of their own on every node, each waking every {@code poll-interval} or sooner:
 * <ul>
 * <li>signals: fans out the outbox rows that become SETs, ahead of all others, and dispatches the
 *     signal lane, so a revocation reaches its streams within 5 s of the change whatever is waiting
 *     for webhooks (issue 19);</li>
 * <li>fan-out: turns the rest of the outbox into deliveries, batch after batch while batches come
 *     back full;</li>
 * <li>webhooks: dispatches the webhook lane, again as soon as a run ends.</li>
 * </ul>
 * The fan-out and the webhooks were one poll before: under a steady load of writes each poll spent
 * its time fanning out and dispatched a few runs (scripts/bench webhooks, docs/operations.md). They
 * run on threads of their own rather than the application's scheduler, which has one thread.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Full fan-out batches taken in a row before the loop rests for a poll interval. */
    private static final int MAX_FAN_OUTS = 10;

    private final FanOut fanOut;
    private final EventsSettings settings;
    private final Clock clock;
    private final LaneWorkers signals;
    private final LaneWorkers webhooks;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorker(FanOut fanOut, DeliveryRepository deliveries, Deliverer deliverer, TransactionTemplate transactions,
                   EventsSettings settings, Clock clock) {
        this.fanOut = fanOut;
        this.settings = settings;
        this.clock = clock;
        // The claim's locking read under READ COMMITTED takes no gap locks, so it never holds up
        // the fan-out inserting new deliveries (see FanOut#fanOut).
        TransactionTemplate claims = new TransactionTemplate(transactions.getTransactionManager());
        claims.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.signals = new LaneWorkers(Lane.SIGNAL, settings.signalWorkers(), settings.perSubscription(), settings.signalPerOwner(),
                settings.lease(), deliveries, deliverer, claims);
        this.webhooks = new LaneWorkers(Lane.WEBHOOK, settings.workers(), settings.perSubscription(), settings.perOwner(),
                settings.lease(), deliveries, deliverer, claims);
    }

    private void signals() throws InterruptedException {
        signals.await(settings.pollInterval());
        for (int batches = 0; batches < MAX_FAN_OUTS && fanOut.fanOutSignals() == FanOut.BATCH; batches++) {
            // next full batch
        }
        signals.dispatch(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void fanOut() throws InterruptedException {
        Thread.sleep(settings.pollInterval().toMillis());
        int taken;
        int batches = 0;
        do {
            taken = fanOut.fanOut();
            if (taken > 0) {
                // A batch of grant events also makes SETs for the streams that hear of them.
                signals.wake();
                webhooks.wake();
            }
        } while (taken == FanOut.BATCH && ++batches < MAX_FAN_OUTS);
    }

    private void webhooks() throws InterruptedException {
        webhooks.await(settings.pollInterval());
        webhooks.dispatch(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws InterruptedException;
    }

    private Thread loop(String name, Step step) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The database may be away for a moment; the next round tries again, nothing is lost.
                    log.warn("Events {} round failed: {}", name, e.toString());
                    try {
                        Thread.sleep(settings.pollInterval().toMillis());
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }
        }, "events-" + name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        signals.start();
        webhooks.start();
        loops.add(loop("signals", this::signals));
        loops.add(loop("fan-out", this::fanOut));
        loops.add(loop("webhooks", this::webhooks));
        loops.forEach(Thread::start);
    }

    /** Also while a test context is paused (Spring keeps it cached and starts it again when a test uses it). */
    @Override
    public synchronized void stop() {
        running = false;
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            try {
                loop.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        signals.stop();
        webhooks.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
