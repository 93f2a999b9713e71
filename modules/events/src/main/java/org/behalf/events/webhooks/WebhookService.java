package org.behalf.events.webhooks;

import static org.behalf.events.webhooks.SubscriptionChanges.eventTypes;
import static org.behalf.events.webhooks.SubscriptionChanges.note;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrators' webhook subscriptions (DESIGN.md section 6): each belongs to one of its owner's
 * clients, at most {@code maxPerClient} per client, delivered only where {@link ReceiverAddress}
 * allows. Someone else's subscription answers exactly like a missing one (docs/security.md rule 20).
 * Every change is recorded in the owner's activity log.
 */
@Service
class WebhookService {

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final WebhookSecrets secrets;
    private final ReceiverAddress addresses;
    private final ClientDirectory clients;
    private final ActivityRecorder activity;
    private final EventsSettings settings;
    private final Interest interest;
    private final Clock clock;
    private final ObjectProvider<RequestState> requests;

    WebhookService(WebhookRepository webhooks, DeliveryRepository deliveries, WebhookSecrets secrets, ReceiverAddress addresses,
                   ClientDirectory clients, ActivityRecorder activity, EventsSettings settings, Interest interest, Clock clock,
                   ObjectProvider<RequestState> requests) {
        this.interest = interest;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.addresses = addresses;
        this.clients = clients;
        this.activity = activity;
        this.settings = settings;
        this.clock = clock;
        this.requests = requests;
    }

    record NewWebhook(String clientId, String url, List<String> events) {
    }

    /** A change: each field left out stays as it is. */
    record WebhookChange(String url, List<String> events, Boolean enabled) {
    }

    /** What the API shows; {@code secret} only in the answer that created or rotated it. */
    record WebhookView(String id, String clientId, String url, List<String> events, String status, Instant createdAt, @Nullable Instant disabledAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String secret, @Nullable Instant previousSecretValidUntil) {
    }

    @Transactional
    public WebhookView create(Caller owner, NewWebhook request) {
        if (request.clientId() == null || !clients.owns(owner.subject(), request.clientId())) {
            throw new InvalidRequest("clientId", "Name one of your own clients; a webhook belongs to one of them.");
        }
        String url = addresses.check(request.url()).toString();
        List<String> events = eventTypes("events", request.events(), AccountEvent.TYPES);
        long ofClient = webhooks.lockByOwner(owner.subject()).stream().filter(h -> h.clientId().equals(request.clientId())).count();
        if (ofClient >= settings.maxPerClient()) {
            throw new InvalidRequest("clientId", "A client has at most " + settings.maxPerClient() + " webhooks; delete one first.");
        }
        String id = OpaqueIds.next(Webhook.ID_PREFIX);
        String secret = WebhookSecrets.generate();
        Webhook hook = new Webhook(owner.subject(), id, request.clientId(), url, events, secrets.seal(secret, id), null, null,
                Webhook.ACTIVE, now(), null);
        webhooks.insert(hook);
        interest.add(events);
        record(owner, "webhook.create", hook, List.of(new ActivityEvent.Change("url", null, url),
                new ActivityEvent.Change("events", null, events)));
        return view(hook, secret);
    }

    List<WebhookView> list(Caller owner) {
        return webhooks.byOwner(owner.subject()).stream().map(hook -> view(hook, null)).toList();
    }

    WebhookView get(Caller owner, String id) {
        return view(own(owner, id), null);
    }

    @Transactional
    public WebhookView change(Caller owner, String id, WebhookChange request) {
        Webhook hook = own(owner, id);
        String url = request.url() == null ? hook.url() : addresses.check(request.url()).toString();
        List<String> events = request.events() == null ? hook.events() : eventTypes("events", request.events(), AccountEvent.TYPES);
        Instant now = now();
        boolean enable = Boolean.TRUE.equals(request.enabled()) && !hook.active();
        boolean disable = Boolean.FALSE.equals(request.enabled()) && hook.active();
        String status = enable ? Webhook.ACTIVE : disable ? Webhook.DISABLED : hook.status();
        Webhook changed = new Webhook(hook.ownerId(), hook.id(), hook.clientId(), url, events, hook.secret(), hook.previousSecret(),
                hook.previousUntil(), status, hook.createdAt(), enable ? null : disable ? now : hook.disabledAt());
        webhooks.update(changed);
        interest.add(events);
        if (disable) {
            deliveries.hold(hook.ownerId(), hook.id());
        }
        if (enable) {
            deliveries.resume(hook.ownerId(), hook.id(), now);
        }
        List<ActivityEvent.Change> changes = new ArrayList<>();
        note(changes, "url", hook.url(), url);
        note(changes, "events", hook.events(), events);
        note(changes, "status", hook.status(), status);
        record(owner, "webhook.update", changed, changes);
        return view(changed, null);
    }

    /**
     * The webhook's row is locked before its deliveries are removed, as the fan-out locks it before it
     * writes them ({@code FanOut}): removing them first, while a fan-out wrote more, deadlocked, and
     * the integrator was answered 500 (the suite's log, 2026-12-07). Deleted by another request while
     * this one waited, it answers as a missing one does.
     */
    @Transactional
    public void delete(Caller owner, String id) {
        Webhook hook = webhooks.lockById(own(owner, id).id()).orElseThrow(InvalidRequest::notFound);
        deliveries.deleteAll(hook.ownerId(), hook.id());
        webhooks.delete(hook);
        record(owner, "webhook.delete", hook, List.of());
    }

    /** A new secret, shown once; the previous one still signs for {@code secretGrace}, so receivers can switch without losing one. */
    @Transactional
    public WebhookView rotate(Caller owner, String id) {
        Webhook hook = own(owner, id);
        String secret = WebhookSecrets.generate();
        Instant until = now().plus(settings.secretGrace());
        Webhook rotated = new Webhook(hook.ownerId(), hook.id(), hook.clientId(), hook.url(), hook.events(), secrets.seal(secret, hook.id()),
                hook.secret(), until, hook.status(), hook.createdAt(), hook.disabledAt());
        webhooks.update(rotated);
        record(owner, "webhook.rotate_secret", rotated, List.of(new ActivityEvent.Change("previousSecretValidUntil", null, until.toString())));
        return view(rotated, secret);
    }

    List<Delivery.Logged> deliveries(Caller owner, String id, String cursor, int limit) {
        Webhook hook = own(owner, id);
        Delivery before = cursor == null ? null : deliveries.find(hook.ownerId(), hook.id(), cursor)
                .orElseThrow(() -> new InvalidRequest("cursor", "This cursor is not one of this list's."));
        return deliveries.log(hook.ownerId(), hook.id(), before, limit);
    }

    /** Sends a delivery again (same webhook-id, so a receiver that had it can tell), with a fresh 24 hours of retries. */
    @Transactional
    public Delivery.Logged redeliver(Caller owner, String id, String deliveryId) {
        Webhook hook = own(owner, id);
        Delivery delivery = deliveries.find(hook.ownerId(), hook.id(), deliveryId).orElseThrow(InvalidRequest::notFound);
        if (!hook.active()) {
            throw InvalidRequest.conflict("The webhook is disabled; enable it first.");
        }
        deliveries.redeliver(delivery, now());
        record(owner, "webhook.redeliver", hook, List.of(new ActivityEvent.Change("delivery", null, delivery.id())));
        return deliveries.log(hook.ownerId(), hook.id(), null, 1_000).stream().filter(d -> d.id().equals(deliveryId)).findFirst()
                .orElseThrow(InvalidRequest::notFound);
    }

    /**
     * Only an id of a webhook id's shape is looked up: the column compares byte for byte
     * (V202612070954) but pads, and found "whk_…   " as "whk_…", whose spelling then sealed the new
     * secret on rotation (docs/security.md rule 26).
     */
    private Webhook own(Caller owner, String id) {
        if (!OpaqueIds.isOf(Webhook.ID_PREFIX, id)) {
            throw InvalidRequest.notFound();
        }
        return webhooks.find(id).filter(hook -> hook.ownerId().equals(owner.subject())).orElseThrow(InvalidRequest::notFound);
    }

    private static WebhookView view(Webhook hook, String secret) {
        return new WebhookView(hook.id(), hook.clientId(), hook.url(), hook.events(), hook.status(), hook.createdAt(), hook.disabledAt(),
                secret, hook.previousUntil());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void record(Caller owner, String action, Webhook hook, List<ActivityEvent.Change> changes) {
        activity.record(SubscriptionChanges.byOwner(owner, action, "webhook", hook.id(), changes, RequestState.of(requests)));
    }
}
