package org.behalf.events.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one run: deliveries of one subscription (webhook or stream) that a node claimed together
 * ({@link DeliveryWorker}), one after the other on one worker. The subscription is read once per
 * run, not once per delivery, and the attempts are recorded together, in one transaction, at the
 * end of the run, or once a second while a slow run goes on (a transaction per delivery was where
 * the time went: scripts/bench webhooks, docs/operations.md). A recording lost in a crash means a
 * delivery sent again after its lease ends: at least once, as promised.
 *
 * <p>A receiver that did not answer (timed out, or unreachable) ends its run: the rest is released
 * without an attempt, to be claimed from the failed delivery's retry on, so a slow receiver holds a
 * worker for one timeout per run, not for one per delivery, and its backlog does not stay ahead of
 * everyone else's deliveries (docs/security.md rule 42). A failed attempt is retried with
 * exponential backoff and full jitter; once a delivery has failed for {@code giveUpAfter} (24 hours)
 * it fails for good, its subscription is disabled and the owner told by an entry in their activity
 * log.
 */
@Component
class Deliverer {

    /** How long attempts may wait to be recorded while a run goes on. */
    private static final Duration RECORD_EVERY = Duration.ofSeconds(1);

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
    private final EventsSettings settings;
    private final Clock clock;

    Deliverer(DeliveryRepository deliveries, WebhookRepository webhooks, WebhookSecrets secrets, WebhookSender sender, StreamRepository streams,
              SetPusher pusher, JsonMapper json, ReceiverAddress addresses, ActivityRecorder activity, TransactionTemplate transactions,
              EventsSettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.sender = sender;
        this.streams = streams;
        this.pusher = pusher;
        this.json = json;
        this.addresses = addresses;
        this.activity = activity;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one attempt of a run sends, and what giving up on its subscription does. */
    private interface Receiver {
        WebhookSender.Outcome send(Delivery delivery, Instant started);

        /** RFC 8935 section 2.3: a SET refused with 400 is never accepted, so it is not retried. */
        boolean refusedForGood(WebhookSender.Outcome outcome);

        void giveUp(Instant now, String lastError);
    }

    /** Sends the run (all of one subscription, in the order claimed) and records every attempt; false when none was made. */
    boolean deliver(List<Delivery> run) {
        String subscription = run.get(0).webhookId();
        Receiver receiver = Stream.isStream(subscription) ? stream(subscription) : webhook(subscription);
        if (receiver == null) {
            settleUnsendable(run);
            return false;
        }
        List<DeliveryRepository.Settled> settled = new ArrayList<>();
        List<Delivery> unsent = List.of();
        Instant unsentFrom = null;
        Instant recorded = now();
        for (int i = 0; i < run.size(); i++) {
            Delivery delivery = run.get(i);
            Instant started = now();
            WebhookSender.Outcome outcome = receiver.send(delivery, started);
            DeliveryRepository.Settled one = settle(delivery, started, outcome, receiver.refusedForGood(outcome));
            settled.add(one);
            // No answer, or the subscription ends: the rest waits for the failed one's retry (held, if it ended).
            if (outcome.status() == null || one.giveUp()) {
                unsent = run.subList(i + 1, run.size());
                // Given up, the subscription's pending deliveries are held in the same transaction (resumed from the enabling on).
                unsentFrom = one.giveUp() ? now() : one.next();
                break;
            }
            if (Duration.between(recorded, now()).compareTo(RECORD_EVERY) >= 0 && i < run.size() - 1) {
                record(settled, List.of(), null, receiver);
                settled = new ArrayList<>();
                recorded = now();
            }
        }
        record(settled, unsent, unsentFrom, receiver);
        return true;
    }

    /**
     * A run whose subscription is gone or may not be sent to (a disabled webhook, a paused or
     * disabled stream). Deleting, disabling or pausing it settled its deliveries, and a fan-out reads a
     * webhook's row again, locked, before writing (docs/integrators-events.md, "Leftovers of a change");
     * a stream paused or disabled just after a fan-out read it may still have got a few. Released,
     * they would be claimed again at every poll, first due first, ahead of every newer delivery of
     * every other subscription (docs/security.md rule 42: a receiver never delays the others). So
     * they are settled here as the change settles them: deleted with a deleted subscription, dropped
     * for a disabled stream, held while a webhook is disabled or a stream paused. A subscription
     * enabled again meanwhile resumes what is held, as enabling it does: enabling may have run just
     * before the hold committed.
     */
    private void settleUnsendable(List<Delivery> run) {
        String owner = run.get(0).ownerId();
        String id = run.get(0).webhookId();
        // The run's own rows only, by key: runs of one subscription settle side by side without waiting on each other.
        String settled = transactions.execute(status -> {
            String state = state(id);
            if (state == null) {
                deliveries.deleteRun(run);
                return null;
            }
            if (sendable(state)) {
                deliveries.releaseAll(run);
                return Delivery.PENDING;
            }
            String kept = Stream.DISABLED.equals(state) && Stream.isStream(id) ? Delivery.DROPPED : Delivery.HELD;
            deliveries.settleRun(run, kept);
            return kept;
        });
        if (Delivery.HELD.equals(settled) && sendable(state(id))) {
            transactions.executeWithoutResult(status -> deliveries.resume(owner, id, now()));
        }
    }

    /** The subscription's status now, or null when it is gone. */
    private String state(String id) {
        return Stream.isStream(id) ? streams.find(id).map(Stream::status).orElse(null)
                : webhooks.find(id).map(Webhook::status).orElse(null);
    }

    private static boolean sendable(String state) {
        return Webhook.ACTIVE.equals(state) || Stream.ENABLED.equals(state);
    }

    /**
     * Records the attempts, and puts back what the run did not send. After a receiver that did not
     * answer, that waits until the failed delivery's own retry ({@code unsentFrom}): put back as it
     * was, first due, it was claimed again at once, and a few receivers that are down, each with a
     * backlog, kept every worker of the lane trying them, one timeout per run, while the deliveries of
     * every other subscription waited behind that backlog (docs/security.md rule 42).
     */
    private void record(List<DeliveryRepository.Settled> settled, List<Delivery> unsent, Instant unsentFrom, Receiver receiver) {
        transactions.executeWithoutResult(status -> {
            deliveries.attempted(settled);
            if (!unsent.isEmpty()) {
                deliveries.releaseAll(unsent, unsentFrom);
            }
            settled.stream().filter(DeliveryRepository.Settled::giveUp).findFirst()
                    .ifPresent(last -> receiver.giveUp(now(), last.attempt().error()));
        });
    }

    /** A webhook's run, or null when it is gone or not active (its deliveries are then released). */
    private Receiver webhook(String id) {
        Webhook hook = webhooks.find(id).orElse(null);
        if (hook == null || !hook.active()) {
            return null;
        }
        URI url = URI.create(hook.url());
        List<String> signing = secrets.signing(hook, now());
        return new Receiver() {
            @Override
            public WebhookSender.Outcome send(Delivery delivery, Instant started) {
                // Checked again now: the name may point elsewhere since the subscription was made (DNS rebinding).
                String refused = addresses.refusal(url);
                return refused != null ? new WebhookSender.Outcome(null, "Not sent: " + refused)
                        : sender.send(url, delivery.id(), delivery.body(), signing);
            }

            @Override
            public boolean refusedForGood(WebhookSender.Outcome outcome) {
                return false;
            }

            @Override
            public void giveUp(Instant now, String lastError) {
                disable(hook, now, lastError);
            }
        };
    }

    /** A stream's run: sent only while the stream is enabled (a paused one keeps its SETs), else null. */
    private Receiver stream(String id) {
        Stream stream = streams.find(id).orElse(null);
        if (stream == null || !Stream.ENABLED.equals(stream.status())) {
            return null;
        }
        URI url = URI.create(stream.url());
        String authorization = secrets.authorization(stream);
        return new Receiver() {
            @Override
            public WebhookSender.Outcome send(Delivery delivery, Instant started) {
                String refused = addresses.refusal(url);
                if (refused != null) {
                    return new WebhookSender.Outcome(null, "Not sent: " + refused);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> event = json.readValue(delivery.body(), Map.class);
                return pusher.push(url, authorization, SecurityEvents.envelope(stream, delivery.id(), delivery.createdAt(), event));
            }

            @Override
            public boolean refusedForGood(WebhookSender.Outcome outcome) {
                return SetPusher.refused(outcome);
            }

            @Override
            public void giveUp(Instant now, String lastError) {
                disable(stream, now, lastError);
            }
        };
    }

    /**
     * What follows an attempt: delivered; failed for good when the receiver refused it for good, or
     * when it has failed for {@code giveUpAfter} (its subscription then ends); else retried after a
     * backoff.
     */
    private DeliveryRepository.Settled settle(Delivery delivery, Instant started, WebhookSender.Outcome outcome, boolean refusedForGood) {
        Instant finished = now();
        Delivery.Attempt attempt = new Delivery.Attempt(delivery.attempts() + 1, started, outcome.status(), outcome.error(),
                (int) Duration.between(started, finished).toMillis());
        if (outcome.delivered()) {
            return new DeliveryRepository.Settled(delivery, attempt, Delivery.DELIVERED, null, false);
        }
        if (refusedForGood) {
            return new DeliveryRepository.Settled(delivery, attempt, Delivery.FAILED, null, false);
        }
        if (finished.isBefore(delivery.retryFrom().plus(settings.giveUpAfter()))) {
            return new DeliveryRepository.Settled(delivery, attempt, Delivery.PENDING, finished.plus(backoff(attempt.attempt())), false);
        }
        return new DeliveryRepository.Settled(delivery, attempt, Delivery.FAILED, null, true);
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
}
