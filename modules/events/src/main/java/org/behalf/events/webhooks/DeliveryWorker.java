package org.behalf.events.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers webhooks and Shared Signals SETs (DESIGN.md section 6), one mechanism for both: state
 * lives in the tables, so a restart loses nothing; a node leases what it sends, so an attempt runs
 * once across nodes; a bounded pool sends, with at most one delivery per subscription (webhook or
 * stream) in flight on a node, so a slow receiver holds one worker and never delays the others
 * (docs/security.md rule 42). A failed attempt is retried with exponential backoff and full jitter;
 * once a delivery has failed for {@code giveUpAfter} (24 hours) it fails for good, its subscription
 * is disabled and the owner told by an entry in their activity log.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Deliveries of one subscription a worker sends one after the other before it claims again. */
    private static final int RUN = 10;

    private final FanOut fanOut;
    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final StreamRepository streams;
    private final SetPusher pusher;
    private final JsonMapper json;
    private final ReceiverAddress addresses;
    private final ActivityRecorder activity;
    private final TransactionTemplate transactions;
    private final TransactionTemplate claims;
    private final EventsSettings settings;
    private final Clock clock;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    DeliveryWorker(FanOut fanOut, DeliveryRepository deliveries, WebhookRepository webhooks, WebhookSecrets secrets, WebhookSender sender,
                   StreamRepository streams, SetPusher pusher, JsonMapper json, ReceiverAddress addresses, ActivityRecorder activity,
                   TransactionTemplate transactions, EventsSettings settings, Clock clock) {
        this.streams = streams;
        this.pusher = pusher;
        this.json = json;
        this.fanOut = fanOut;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.sender = sender;
        this.addresses = addresses;
        this.activity = activity;
        this.transactions = transactions;
        // The claim's locking read under READ COMMITTED takes no gap locks, so it never holds up
        // the fan-out inserting new deliveries (see FanOut#fanOut).
        this.claims = new TransactionTemplate(transactions.getTransactionManager());
        this.claims.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.settings = settings;
        this.clock = clock;
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "webhook-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Full fan-out batches taken in one poll before deliveries are dispatched (so 1,000 rows at most). */
    private static final int MAX_FAN_OUTS = 10;

    @Scheduled(fixedDelayString = "${behalf.events.poll-interval:250ms}")
    void poll() {
        try {
            // Fan a burst out first, so that its deliveries are claimed together; but only while
            // batches come back full, and at most MAX_FAN_OUTS of them, then dispatch. Draining
            // until the outbox was empty starved dispatch for as long as requests kept adding rows:
            // under a steady load of writes no delivery went out until the load stopped (issue 19,
            // "deliveries within 5 s"; seen with scripts/bench webhooks).
            for (int batches = 0; batches < MAX_FAN_OUTS && fanOut.fanOut() == FanOut.BATCH; batches++) {
                // next full batch
            }
            dispatch();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next poll tries again, nothing is lost.
            log.warn("Webhook delivery poll failed: {}", e.toString());
        }
    }

    private void dispatch() {
        int free = settings.workers() - inFlight.size();
        if (free <= 0) {
            return;
        }
        Instant now = now();
        // Up to RUN due deliveries per subscription, sent in turn by one worker: one in flight per
        // subscription, and a busy one is not capped at one delivery per poll.
        Map<String, List<Delivery>> runs = claims.execute(status -> {
            Map<String, List<Delivery>> perHook = new LinkedHashMap<>();
            for (Delivery due : deliveries.lockDue(now, List.copyOf(inFlight), free * RUN)) {
                List<Delivery> run = perHook.get(due.webhookId());
                if (run == null && perHook.size() < free) {
                    run = new ArrayList<>();
                    perHook.put(due.webhookId(), run);
                }
                if (run != null && run.size() < RUN) {
                    run.add(due);
                    deliveries.lease(due, now.plus(settings.lease().multipliedBy(RUN)));
                }
            }
            return perHook;
        });
        for (Map.Entry<String, List<Delivery>> run : runs.entrySet()) {
            inFlight.add(run.getKey());
            pool.execute(() -> {
                try {
                    for (Delivery delivery : run.getValue()) {
                        try {
                            attempt(delivery);
                        } catch (RuntimeException e) {
                            log.warn("Webhook delivery {} not recorded: {}", delivery.id(), e.toString());
                        }
                    }
                } finally {
                    inFlight.remove(run.getKey());
                }
            });
        }
    }

    private void attempt(Delivery delivery) {
        if (Stream.isStream(delivery.webhookId())) {
            attemptStream(delivery);
            return;
        }
        Webhook hook = webhooks.find(delivery.webhookId()).orElse(null);
        if (hook == null || !hook.active()) {
            transactions.executeWithoutResult(status -> deliveries.release(delivery));
            return;
        }
        Instant started = now();
        URI url = URI.create(hook.url());
        // Checked again now: the name may point elsewhere since the subscription was made (DNS rebinding).
        String refused = addresses.refusal(url);
        WebhookSender.Outcome outcome = refused != null ? new WebhookSender.Outcome(null, "Not sent: " + refused)
                : sender.send(url, delivery.id(), delivery.body(), secrets.signing(hook, started));
        settle(delivery, started, outcome, false, finished -> disable(hook, finished, outcome.error()));
    }

    /** A SET for a Shared Signals stream: sent only while the stream is enabled (a paused one keeps it), else released. */
    private void attemptStream(Delivery delivery) {
        Stream stream = streams.find(delivery.webhookId()).orElse(null);
        if (stream == null || !Stream.ENABLED.equals(stream.status())) {
            transactions.executeWithoutResult(status -> deliveries.release(delivery));
            return;
        }
        Instant started = now();
        URI url = URI.create(stream.url());
        String refused = addresses.refusal(url);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = json.readValue(delivery.body(), Map.class);
        WebhookSender.Outcome outcome = refused != null ? new WebhookSender.Outcome(null, "Not sent: " + refused)
                : pusher.push(url, SecurityEvents.envelope(stream, delivery.id(), delivery.createdAt(), event));
        settle(delivery, started, outcome, SetPusher.refused(outcome), finished -> disable(stream, finished, outcome.error()));
    }

    /**
     * Records an attempt and what follows: delivered; failed for good when the receiver refused it
     * for good, or when it has failed for {@code giveUpAfter} ({@code giveUp} then ends the
     * subscription); else retried after a backoff.
     */
    private void settle(Delivery delivery, Instant started, WebhookSender.Outcome outcome, boolean refusedForGood,
                        Consumer<Instant> giveUp) {
        Instant finished = now();
        Delivery.Attempt attempt = new Delivery.Attempt(delivery.attempts() + 1, started, outcome.status(), outcome.error(),
                (int) Duration.between(started, finished).toMillis());
        transactions.executeWithoutResult(status -> {
            if (outcome.delivered()) {
                deliveries.attempted(delivery, attempt, Delivery.DELIVERED, null);
            } else if (refusedForGood) {
                deliveries.attempted(delivery, attempt, Delivery.FAILED, null);
            } else if (finished.isBefore(delivery.retryFrom().plus(settings.giveUpAfter()))) {
                deliveries.attempted(delivery, attempt, Delivery.PENDING, finished.plus(backoff(attempt.attempt())));
            } else {
                deliveries.attempted(delivery, attempt, Delivery.FAILED, null);
                giveUp.accept(finished);
            }
        });
    }

    /** Exponential from {@code retryBase}, capped at {@code retryMax}, with full jitter in its upper half. */
    Duration backoff(int attempts) {
        long base = settings.retryBase().toMillis();
        long max = settings.retryMax().toMillis();
        long delay = Math.min(max, base << Math.min(attempts - 1, 30));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private void disable(Webhook hook, Instant now, String lastError) {
        Webhook current = webhooks.find(hook.id()).orElse(null);
        if (current == null || !current.active()) {
            return;
        }
        webhooks.update(new Webhook(current.ownerId(), current.id(), current.clientId(), current.url(), current.events(), current.secret(),
                current.previousSecret(), current.previousUntil(), Webhook.DISABLED, current.createdAt(), now));
        deliveries.hold(current.ownerId(), current.id());
        activity.record(new ActivityEvent(current.ownerId(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.SYSTEM, "behalf"), null,
                current.clientId(), "webhook.disable", new ActivityEvent.Target("webhook", current.id()), ActivityEvent.Outcome.SUCCESS,
                "Deliveries to " + current.url() + " failed for " + settings.giveUpAfter().toHours() + " hours (last: " + lastError
                        + "); the webhook is disabled until you enable it again.",
                List.of(new ActivityEvent.Change("status", Webhook.ACTIVE, Webhook.DISABLED)), ActivityEvent.RequestInfo.NONE));
    }

    /** SSF 1.0 section 8.1.2: the transmitter disables the stream (its waiting events are dropped) and tells the owner. */
    private void disable(Stream stream, Instant now, String lastError) {
        Stream current = streams.find(stream.id()).orElse(null);
        if (current == null || !Stream.ENABLED.equals(current.status())) {
            return;
        }
        String reason = "Deliveries failed for " + settings.giveUpAfter().toHours() + " hours (last: " + lastError + ").";
        streams.update(current.withStatus(Stream.DISABLED, reason, now));
        deliveries.drop(current.ownerId(), current.id());
        activity.record(new ActivityEvent(current.ownerId(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.SYSTEM, "behalf"), null,
                current.clientId(), "ssf.stream.disable", new ActivityEvent.Target("stream", current.id()), ActivityEvent.Outcome.SUCCESS,
                reason + " The stream to " + current.url() + " is disabled until you enable it again.",
                List.of(new ActivityEvent.Change("status", Stream.ENABLED, Stream.DISABLED)), ActivityEvent.RequestInfo.NONE));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
