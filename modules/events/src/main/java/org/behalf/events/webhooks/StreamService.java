package org.behalf.events.webhooks;

import static org.behalf.events.webhooks.SubscriptionChanges.note;
import static org.behalf.events.webhooks.SubscriptionChanges.requestedTypes;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.TextField;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared Signals stream management (OpenID SSF 1.0 sections 8.1.1 to 8.1.4). A stream belongs to one
 * of its owner's clients, named by {@code aud} when it is made; that client is the audience of every
 * SET it carries, and it hears only of grants its own users act under ({@link FanOut}). Push only
 * (RFC 8935), to an address {@link ReceiverAddress} allows, at most {@code maxPerClient} streams per
 * client. Someone else's stream answers exactly like a missing one (docs/security.md rule 20), and
 * every change is recorded in the owner's activity log.
 *
 * <p>Two callers manage streams through these same methods, as a {@link Manager}: the receiver
 * itself, with its own client-credentials token at {@code /ssf/} (SSF 1.0 section 8.1; it sees and
 * changes only its own streams), and the owner of the clients, from the console at
 * {@code /api/v1/ssf/} (every stream of every client they own, and the delivery log).
 */
@Service
class StreamService {

    static final String PUSH = "urn:ietf:rfc:8935";
    private final StreamRepository streams;
    private final DeliveryRepository deliveries;
    private final ReceiverAddress addresses;
    private final ClientDirectory clients;
    private final ActivityRecorder activity;
    private final WebhookSecrets secrets;
    private final Interest interest;
    private final EventsSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<RequestState> requests;

    StreamService(StreamRepository streams, DeliveryRepository deliveries, ReceiverAddress addresses, ClientDirectory clients,
                  ActivityRecorder activity, WebhookSecrets secrets, Interest interest, EventsSettings settings, JsonMapper json,
                  Clock clock, ObjectProvider<RequestState> requests) {
        this.streams = streams;
        this.deliveries = deliveries;
        this.addresses = addresses;
        this.clients = clients;
        this.activity = activity;
        this.secrets = secrets;
        this.interest = interest;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.requests = requests;
    }

    /**
     * SSF 1.0 section 8.1.1: {@code method}, {@code endpoint_url} and {@code authorization_header}, the
     * Authorization header every push carries. That is the receiver's credential: stored sealed and
     * never shown again, so a stream's view leaves it out.
     */
    record Push(String method, @JsonProperty("endpoint_url") String endpointUrl,
                @JsonProperty("authorization_header") @JsonInclude(JsonInclude.Include.NON_NULL) String authorizationHeader) {
    }

    /**
     * A request to create, update (PATCH: each field left out stays) or replace (PUT) a stream. {@code aud}
     * names the client the stream is for; it is fixed once the stream exists.
     */
    record StreamRequest(@JsonProperty("stream_id") String streamId, String aud, Push delivery,
                         @JsonProperty("events_requested") List<String> eventsRequested, String description) {
    }

    /** The stream configuration of SSF 1.0 section 8.1.1, with its status (a Behalf addition for the console). */
    record StreamView(@JsonProperty("stream_id") String streamId, String iss, List<String> aud, Push delivery,
                      @JsonProperty("events_supported") List<String> eventsSupported,
                      @JsonProperty("events_requested") List<String> eventsRequested,
                      @JsonProperty("events_delivered") List<String> eventsDelivered,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String description, String status, Instant createdAt) {
    }

    /** SSF 1.0 section 8.1.2. */
    record StatusView(@JsonProperty("stream_id") String streamId, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    record StatusRequest(@JsonProperty("stream_id") String streamId, String status, String reason) {
    }

    /** SSF 1.0 section 8.1.4.2. */
    record VerificationRequest(@JsonProperty("stream_id") String streamId, String state) {
    }

    /**
     * Who manages streams, and so which ones they reach: an owner every stream of their clients, a
     * client only its own ({@code onlyClient}), recorded in the owner's log as done by {@code actor}.
     */
    record Manager(String ownerId, String onlyClient, ActivityEvent.Actor actor, String viaClient) {

        /** The member who registered the clients, through the console (a first-party client's token). */
        static Manager owner(Caller owner) {
            return new Manager(owner.subject(), null, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, owner.subject()),
                    owner.clientId());
        }
    }

    /**
     * The receiver itself, by its client-credentials token: a client nobody owns (Behalf's own) has
     * no streams, and is refused rather than shown an empty list.
     */
    Manager client(Caller client) {
        String owner = clients.owner(client.clientId()).orElseThrow(() -> InvalidRequest.forbidden(
                "This client was not registered by a member, so it has no Shared Signals streams."));
        return new Manager(owner, client.clientId(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.APP, client.clientId()),
                client.clientId());
    }

    @Transactional
    public StreamView create(Manager manager, String issuer, StreamRequest request) {
        if (request.streamId() != null) {
            throw new InvalidRequest("stream_id", "A new stream gets its id from us; leave the id out.");
        }
        String audience = request.aud() == null ? manager.onlyClient() : request.aud();
        if (manager.onlyClient() != null && !manager.onlyClient().equals(audience)) {
            throw new InvalidRequest("aud", "A client's stream is for itself: leave the audience out or name this client.");
        }
        if (audience == null || !clients.owns(manager.ownerId(), audience)) {
            throw new InvalidRequest("aud", "Name one of your own clients as the stream's audience; a stream belongs to one of them.");
        }
        String url = endpoint(request.delivery());
        List<String> events = requestedTypes("events_requested", request.eventsRequested(), SecurityEvents.SUPPORTED);
        String description = description(request.description());
        long ofClient = streams.lockByOwner(manager.ownerId()).stream().filter(s -> s.clientId().equals(audience)).count();
        if (ofClient >= settings.maxPerClient()) {
            throw new InvalidRequest("aud", "A client has at most " + settings.maxPerClient() + " streams; delete one first.");
        }
        Instant now = now();
        String id = Stream.ID_PREFIX + OpaqueIds.random(16);
        Stream stream = new Stream(manager.ownerId(), id, audience, issuer, url, events, description, Stream.ENABLED, null, now, now,
                authorization(request.delivery(), id));
        streams.insert(stream);
        interest.add(SecurityEvents.OUTBOX_TYPES);
        record(manager, "ssf.stream.create", stream, List.of(new ActivityEvent.Change("url", null, url),
                new ActivityEvent.Change("events", null, events)));
        return view(stream);
    }

    List<StreamView> list(Manager manager) {
        return streams.byOwner(manager.ownerId()).stream().filter(stream -> reaches(manager, stream)).map(StreamService::view).toList();
    }

    StreamView get(Manager manager, String id) {
        return view(own(manager, id));
    }

    /** PATCH changes what is given; PUT ({@code replace}) sets every receiver-supplied field, as SSF 1.0 section 8.1.1.4 says. */
    @Transactional
    public StreamView change(Manager manager, StreamRequest request, boolean replace) {
        Stream stream = own(manager, request.streamId());
        if (request.aud() != null && !request.aud().equals(stream.clientId())) {
            throw new InvalidRequest("aud", "A stream's audience cannot change; make a new stream for another client.");
        }
        String url = request.delivery() == null && !replace ? stream.url() : endpoint(request.delivery());
        List<String> events = request.eventsRequested() == null && !replace ? stream.events()
                : requestedTypes("events_requested", request.eventsRequested(), SecurityEvents.SUPPORTED);
        String description = request.description() == null && !replace ? stream.description() : description(request.description());
        // The delivery is given whole (its authorization_header left out: none), or left as it is.
        String authorization = request.delivery() == null && !replace ? stream.authorization() : authorization(request.delivery(), stream.id());
        Stream changed = stream.with(url, events, description, stream.status(), stream.reason(), authorization);
        streams.update(changed);
        List<ActivityEvent.Change> changes = new ArrayList<>();
        note(changes, "url", stream.url(), url);
        note(changes, "events", stream.events(), events);
        record(manager, "ssf.stream.update", changed, changes);
        return view(changed);
    }

    /** The stream's row is locked before its deliveries are removed, as the fan-out locks it before it writes them (see WebhookService#delete). */
    @Transactional
    public void delete(Manager manager, String id) {
        Stream stream = streams.lockById(own(manager, id).id()).orElseThrow(InvalidRequest::notFound);
        deliveries.deleteAll(stream.ownerId(), stream.id());
        streams.delete(stream);
        record(manager, "ssf.stream.delete", stream, List.of());
    }

    StatusView status(Manager manager, String id) {
        Stream stream = own(manager, id);
        return new StatusView(stream.id(), stream.status(), stream.reason());
    }

    /**
     * SSF 1.0 section 8.1.2.2. Paused: new events are kept (held) and sent once enabled again;
     * disabled: new events are not kept and those waiting are dropped.
     */
    @Transactional
    public StatusView setStatus(Manager manager, StatusRequest request) {
        Stream stream = own(manager, request.streamId());
        if (request.status() == null || !Stream.STATUSES.contains(request.status())) {
            throw new InvalidRequest("status", "A stream is enabled, paused or disabled; say which.");
        }
        // One line, as SSF's status reason is shown and echoed (docs/security.md rule 42): the kernel's rule.
        String reason = request.reason() == null || request.reason().isBlank() ? null : TextField.line("reason", request.reason(), 500);
        Stream changed = stream.withStatus(request.status(), reason, now());
        streams.update(changed);
        switch (request.status()) {
            case Stream.ENABLED -> deliveries.resume(stream.ownerId(), stream.id(), now());
            case Stream.PAUSED -> deliveries.hold(stream.ownerId(), stream.id());
            default -> deliveries.drop(stream.ownerId(), stream.id());
        }
        interest.add(SecurityEvents.OUTBOX_TYPES);
        List<ActivityEvent.Change> changes = new ArrayList<>();
        note(changes, "status", stream.status(), changed.status());
        record(manager, "ssf.stream.status", changed, changes);
        return new StatusView(changed.id(), changed.status(), changed.reason());
    }

    /** SSF 1.0 section 8.1.4.2: a verification event is queued like any other of the stream's, and answered 204. */
    @Transactional
    public void verify(Manager manager, VerificationRequest request) {
        Stream stream = own(manager, request.streamId());
        if (request.state() != null && request.state().length() > 500) {
            throw new InvalidRequest("state", "The state is at most 500 characters.");
        }
        if (Stream.DISABLED.equals(stream.status())) {
            throw InvalidRequest.conflict("The stream is disabled; enable it first.");
        }
        deliveries.insert(stream.ownerId(), OpaqueIds.next(Delivery.SET_ID_PREFIX), stream.id(), SecurityEvents.shortName(SecurityEvents.VERIFICATION),
                json.writeValueAsString(SecurityEvents.verification(stream.id(), request.state())),
                Stream.PAUSED.equals(stream.status()) ? Delivery.HELD : Delivery.PENDING,
                now());
        record(manager, "ssf.stream.verify", stream, List.of());
    }

    List<Delivery.Logged> deliveries(Manager manager, String id, String cursor, int limit) {
        Stream stream = own(manager, id);
        Delivery before = cursor == null ? null : deliveries.find(stream.ownerId(), stream.id(), cursor)
                .orElseThrow(() -> new InvalidRequest("cursor", "This cursor is not one of this list's."));
        return deliveries.log(stream.ownerId(), stream.id(), before, limit);
    }

    private Stream own(Manager manager, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequest("stream_id", "Say which stream: its id is missing.");
        }
        // Only an id of a stream id's shape is looked up (as WebhookService#own; docs/security.md rule 26).
        if (!Stream.isStreamId(id)) {
            throw InvalidRequest.notFound();
        }
        return streams.find(id).filter(stream -> reaches(manager, stream)).orElseThrow(InvalidRequest::notFound);
    }

    /** docs/security.md rule 20: another owner's stream, or another client's, is not there for this manager. */
    private static boolean reaches(Manager manager, Stream stream) {
        return stream.ownerId().equals(manager.ownerId()) && (manager.onlyClient() == null || stream.clientId().equals(manager.onlyClient()));
    }

    private String endpoint(Push delivery) {
        if (delivery == null || delivery.method() == null) {
            throw new InvalidRequest("delivery", "Say how events are delivered: push (" + PUSH + ") to a web address.");
        }
        if (!PUSH.equals(delivery.method())) {
            throw new InvalidRequest("delivery", "Events are delivered by push only (" + PUSH + "), not by " + delivery.method() + ".");
        }
        return addresses.check("delivery.endpoint_url", delivery.endpointUrl()).toString();
    }

    /**
     * The delivery's Authorization header sealed, or null when none is given. One header value of
     * printable ASCII (RFC 9110 section 5.5): a line break would add headers of the receiver's choosing
     * to every push.
     */
    private String authorization(Push delivery, String streamId) {
        String header = delivery == null ? null : delivery.authorizationHeader();
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > AUTHORIZATION_LENGTH || !header.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            throw new InvalidRequest("delivery.authorization_header", "The Authorization header is one line of at most "
                    + AUTHORIZATION_LENGTH + " printable ASCII characters, as an HTTP header value is (RFC 9110 section 5.5).");
        }
        return secrets.sealAuthorization(header.strip(), streamId);
    }

    /** What a sealed header of this many characters still fits in its column (VARCHAR(2000)). */
    private static final int AUTHORIZATION_LENGTH = 1000;

    private static String description(String description) {
        if (description != null && TextField.length(description) > 500) {
            throw new InvalidRequest("description", "The description is at most 500 characters.");
        }
        return description == null || description.isBlank() ? null : description.strip();
    }

    /** SSF 1.0 section 8.1.1: {@code events_delivered} is what is both supported and requested. */
    static StreamView view(Stream stream) {
        return new StreamView(stream.id(), stream.issuer(), List.of(stream.clientId()), new Push(PUSH, stream.url(), null),
                SecurityEvents.SUPPORTED, stream.events(), stream.events().stream().filter(SecurityEvents.SUPPORTED::contains).toList(),
                stream.description(), stream.status(), stream.createdAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void record(Manager manager, String action, Stream stream, List<ActivityEvent.Change> changes) {
        activity.record(SubscriptionChanges.entry(manager.ownerId(), manager.actor(), manager.viaClient(), action, "stream", stream.id(),
                changes, RequestState.of(requests)));
    }
}
