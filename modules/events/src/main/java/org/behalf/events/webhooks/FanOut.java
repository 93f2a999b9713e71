package org.behalf.events.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.behalf.events.outbox.Outbox;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.OpaqueIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns outbox rows into deliveries, after the change committed and away from its request: one per
 * subscription that wants the type (held while it is disabled, {@link Webhook#HOLD_FOR}) and that
 * belongs to an account the event is about, or to a client one of those accounts authorized with
 * what the type needs ({@link #CONSENT_NEEDED}; DESIGN.md section 6); and one SET per Shared Signals
 * stream that hears of the grant ({@link #listeners}). Rows are claimed with SKIP LOCKED and removed
 * in the same transaction as their deliveries are written, so each is fanned out once across nodes,
 * and again after a crash only if nothing of it committed.
 */
@Component
class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    /** Outbox rows taken by one fan-out transaction. */
    static final int BATCH = 100;

    /**
     * Stored times may keep whole seconds only (Connector/J's times on MariaDB, see identity's
     * SigningKeys), so an event is known to predate a stream's {@code liveSince} only when it is a
     * second or more older: one from the very second a stream was enabled again is delivered.
     */
    private static final Duration STORED_PRECISION = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final WebhookRepository webhooks;
    private final StreamRepository streams;
    private final DeliveryRepository deliveries;
    private final ClientDirectory clients;
    private final JsonMapper json;
    private final Clock clock;

    FanOut(JdbcTemplate jdbc, WebhookRepository webhooks, StreamRepository streams, DeliveryRepository deliveries, ClientDirectory clients,
           JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.clients = clients;
        this.json = json;
        this.clock = clock;
    }

    /** An outbox row; {@code occurredAt} to the millisecond, as its writer knew it ({@link Outbox}). */
    record Pending(String accountId, String id, String otherAccount, String type, String data, Instant occurredAt) {
    }

    /**
     * Fans out one batch of any types, oldest first; answers how many outbox rows it took. READ
     * COMMITTED: a locking read under REPEATABLE READ also locks the gaps of the index it scans,
     * which would hold up the requests inserting new outbox rows until this transaction ends
     * (measured: scripts/bench webhooks).
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int fanOut() {
        return fanOut(jdbc.query(SELECT + "ORDER BY occurred_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", PENDING));
    }

    /**
     * Fans out one batch of the types that become SETs only (their webhooks with them), oldest
     * first: the signal lane's own fan-out ({@link Lane}), so that a revocation is not behind a
     * backlog of other events in the outbox either (issue 19, "within 5 s of the change").
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int fanOutSignals() {
        return fanOut(jdbc.query(SIGNALS, PENDING, SIGNAL_TYPES));
    }

    private static final String SELECT = "SELECT account_id, id, other_account, type, data, occurred_at, occurred_ms FROM events_outbox ";
    /** The outbox types that become SETs, and the signal lane's query for them: fixed, so made once rather than every poll. */
    private static final Object[] SIGNAL_TYPES = SecurityEvents.OUTBOX_TYPES.toArray();
    private static final String SIGNALS = SELECT + "WHERE type IN (" + String.join(", ", java.util.Collections.nCopies(SIGNAL_TYPES.length, "?"))
            + ") ORDER BY occurred_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
    /** A row written before the outbox kept the instant in milliseconds has occurred_at alone (whole seconds on MariaDB 10.x). */
    private static final org.springframework.jdbc.core.RowMapper<Pending> PENDING = (rs, n) -> {
        long millis = rs.getLong(7);
        return new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.wasNull() ? rs.getTimestamp(6).toInstant() : Instant.ofEpochMilli(millis));
    };

    /** One transaction: the batch's deliveries written and its outbox rows removed, each in one batch of statements. */
    private int fanOut(List<Pending> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Lookups lookups = new Lookups();
        List<DeliveryRepository.New> fanned = new ArrayList<>();
        for (Pending event : batch) {
            List<DeliveryRepository.New> made = new ArrayList<>();
            try {
                List<Webhook> hooks = subscribers(event, lookups);
                if (!hooks.isEmpty()) {
                    String body = body(event);
                    for (Webhook hook : hooks) {
                        // A disabled webhook's are held, as a paused stream's are (below), and sent once it is enabled again.
                        made.add(new DeliveryRepository.New(hook.ownerId(), OpaqueIds.next(Delivery.WEBHOOK_ID_PREFIX), hook.id(), event.type(), body,
                                hook.active() ? Delivery.PENDING : Delivery.HELD));
                    }
                }
                securityEvents(event, lookups, made);
            } catch (DataAccessException e) {
                throw e; // the database, not the row: the whole batch is tried again
            } catch (RuntimeException e) {
                // A row this code cannot read (a bug, or a row of another version) would fail its batch at every
                // poll, and every event behind it would wait for ever (docs/security.md rule 42): it is removed
                // with its batch, undelivered, and said at ERROR with what it held (ids and states only).
                log.error("Outbox event {} ({}) of account {} cannot be fanned out and is removed undelivered: {}; data: {}", event.id(),
                        event.type(), event.accountId(), e.toString(), event.data().length() > 500 ? event.data().substring(0, 500) : event.data());
                continue;
            }
            fanned.addAll(made);
        }
        deliveries.insertAll(written(fanned), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        jdbc.batchUpdate("DELETE FROM events_outbox WHERE account_id = ? AND id = ?", batch, batch.size(), (statement, event) -> {
            statement.setString(1, event.accountId());
            statement.setString(2, event.id());
        });
        return batch.size();
    }

    /**
     * What of the batch's deliveries is written, read again under the locks of their subscriptions'
     * rows, taken in id order before any delivery is written. Deleting a subscription locks its row
     * the same way before it removes the deliveries ({@code lockById}), so a delete and a fan-out wait
     * for each other at that row: a delete that removed the deliveries first and a fan-out that had
     * written some of them each waited for the other over the deliveries' index, and one lost a
     * deadlock; the integrator was answered 500 (the suite's log, 2026-12-07). So a subscription
     * deleted since the batch read it gets nothing, rather than deliveries nothing would remove.
     *
     * <p>A webhook's deliveries are pending or held as it is under the lock: enabling resumes what is
     * held in its transaction, and a delivery written held after that would wait for ever (disabling,
     * likewise, holds what is pending). A change either committed before the lock (seen here) or
     * waits for this transaction and then settles these too.
     *
     * <p>Written in the order of the deliveries' webhook index (subscription, then id; a batch has one
     * creation time), so that no insert goes into a gap before a row this transaction wrote: a delete
     * of the neighbouring subscription may be waiting to lock that row, and InnoDB makes the insert
     * wait behind it, a deadlock again.
     */
    private List<DeliveryRepository.New> written(List<DeliveryRepository.New> fanned) {
        if (fanned.isEmpty()) {
            return fanned;
        }
        Set<String> hookIds = new TreeSet<>();
        Set<String> streamIds = new TreeSet<>();
        for (DeliveryRepository.New row : fanned) {
            (Stream.isStream(row.webhookId()) ? streamIds : hookIds).add(row.webhookId());
        }
        Map<String, String> hooks = webhooks.lockStatuses(hookIds);
        Set<String> liveStreams = streams.lockIds(streamIds);
        return fanned.stream()
                .filter(row -> Stream.isStream(row.webhookId()) ? liveStreams.contains(row.webhookId()) : hooks.containsKey(row.webhookId()))
                .map(row -> Stream.isStream(row.webhookId()) ? row : new DeliveryRepository.New(row.ownerId(), row.id(), row.webhookId(),
                        row.type(), row.body(), Webhook.ACTIVE.equals(hooks.get(row.webhookId())) ? Delivery.PENDING : Delivery.HELD))
                .sorted(Comparator.comparing(DeliveryRepository.New::webhookId).thenComparing(DeliveryRepository.New::id))
                .toList();
    }

    /**
     * The client look-ups of one batch, each asked once: under load a batch holds many events of the
     * same accounts for the same subscriptions, and this work competes with requests for the
     * database (issue 19, "Load and limits"). A batch is one transaction of a fraction of a second,
     * so a consent or client removed meanwhile is seen by the next batch.
     */
    private final class Lookups {
        private final Map<String, Map<String, Set<String>>> consents = new HashMap<>();
        private final Map<String, Boolean> owned = new HashMap<>();
        private final Map<Set<String>, List<Webhook>> active = new HashMap<>();
        /** A webhook disabled since then or later still takes events, held ({@link Webhook#HOLD_FOR}). */
        private final Instant heldSince = clock.instant().minus(Webhook.HOLD_FOR);

        Set<String> authorizedBy(String account) {
            return consentsOf(account).keySet();
        }

        /** The scopes the account gave each client it authorized. */
        Map<String, Set<String>> consentsOf(String account) {
            return consents.computeIfAbsent(account, clients::consentsOf);
        }

        boolean owns(String owner, String client) {
            return owned.computeIfAbsent(owner + " " + client, key -> clients.owns(owner, client));
        }

        /**
         * The subscriptions that may hear of these accounts and take events (active, or disabled and
         * holding them): one query per set of accounts in a batch, not per event.
         */
        List<Webhook> takingFor(Set<String> accounts) {
            return active.computeIfAbsent(accounts, key -> {
                Set<String> authorizedClients = new HashSet<>();
                key.forEach(account -> authorizedClients.addAll(authorizedBy(account)));
                return webhooks.takingFor(key, authorizedClients, heldSince);
            });
        }
    }

    private List<Webhook> subscribers(Pending event, Lookups lookups) {
        Set<String> accounts = new HashSet<>();
        accounts.add(event.accountId());
        if (event.otherAccount() != null) {
            accounts.add(event.otherAccount());
        }
        return lookups.takingFor(Set.copyOf(accounts)).stream()
                .filter(hook -> hook.events().contains(event.type()))
                .filter(hook -> hears(hook, event.type(), accounts, lookups))
                // A subscription whose client its owner no longer has hears nothing.
                .filter(hook -> lookups.owns(hook.ownerId(), hook.clientId()))
                .toList();
    }

    /**
     * What an app must have been given by a member to hear that member's events of a type by webhook
     * (docs/integrators-events.md, "Who hears what"): what reading the same thing through the API
     * takes, so that a webhook tells an app no more than the consent page asked for. An empty string:
     * any consent. A type not here (grants and approvals, which are {@code delegation:manage}'s, never
     * given to an integrator's client, docs/oauth.md) reaches only the subscription owner's own account.
     * {@code account.closed} goes to every app the member authorized: it must know its user left.
     * Shared Signals keep their own audience rule ({@link #listeners}, docs/security.md rule 42).
     */
    static final Map<String, String> CONSENT_NEEDED = Map.of(
            "profile.updated", "profile:read",
            "invitation.received", "invitations:read",
            "invitation.answered", "invitations:read",
            "account.closed", "");

    /**
     * Whether the subscription hears of an event of these accounts: one of them is its owner's own,
     * or one of them gave its client what the type needs ({@link #CONSENT_NEEDED}). Before
     * 2026-12-07 any consent was enough: an app allowed only "Read your full profile" was told of
     * every grant, invitation and approval of its user (black-box finding).
     */
    private static boolean hears(Webhook hook, String type, Set<String> accounts, Lookups lookups) {
        String needed = CONSENT_NEEDED.get(type);
        for (String account : accounts) {
            if (account.equals(hook.ownerId())) {
                return true;
            }
            Set<String> given = lookups.consentsOf(account).get(hook.clientId());
            if (needed != null && given != null && (needed.isEmpty() || given.contains(needed))) {
                return true;
            }
        }
        return false;
    }

    /** A grant's (or a withdrawn consent's) SET for each stream that hears of it; the claims are signed when sent, with the key current then. */
    private void securityEvents(Pending event, Lookups lookups, List<DeliveryRepository.New> fanned) {
        String type = SecurityEvents.of(event.type());
        if (type == null) {
            return;
        }
        JsonNode data = json.readValue(event.data(), JsonNode.class);
        for (Stream stream : listeners(event.type(), data, type, lookups)) {
            if (!event.occurredAt().plus(STORED_PRECISION).isAfter(stream.liveSince())) {
                continue; // it happened while the stream was disabled: dropped (SSF 1.0 section 8.1.2)
            }
            fanned.add(new DeliveryRepository.New(stream.ownerId(), OpaqueIds.next(Delivery.SET_ID_PREFIX), stream.id(), SecurityEvents.shortName(type),
                    json.writeValueAsString(SecurityEvents.ofChange(stream.issuer(), event.id(), event.type(), data,
                            event.occurredAt())),
                    Stream.PAUSED.equals(stream.status()) ? Delivery.HELD : Delivery.PENDING));
        }
    }

    /**
     * The audience rule of Shared Signals (docs/security.md rule 42): a grant's SETs go only to the
     * streams of clients its delegate has authorized. Those are the apps that can hold delegation
     * tokens of the grant (the token exchange takes the delegate's own token from the app, RFC 8693
     * section 2.1), and the delegate's grants are already theirs to read through such an app. Not the
     * holder's apps: they hold no token of the grant, and would learn who the holder's helpers are.
     * A stream whose client its owner no longer has, or that is disabled, hears nothing; nor does any
     * other client, so no client learns of another client's users. A withdrawn consent names its
     * app ({@code clientId}): only that app's streams hear of it, as the consent is already gone.
     */
    private List<Stream> listeners(String outboxType, JsonNode data, String type, Lookups lookups) {
        Set<String> audience;
        if (Outbox.CONSENT_WITHDRAWN.equals(outboxType)) {
            // A withdrawn consent: the app it was given to, and no other (DESIGN.md section 6).
            audience = Set.of(data.path("clientId").asString());
        } else if (data.hasNonNull("delegateId")) {
            audience = lookups.authorizedBy(data.path("delegateId").asString());
        } else {
            return List.of();
        }
        return streams.liveFor(audience).stream()
                .filter(stream -> stream.events().contains(type))
                .filter(stream -> lookups.owns(stream.ownerId(), stream.clientId()))
                .toList();
    }

    /** {@code {"type", "timestamp", "data"}}: ids and states only, never a token or a secret (docs/security.md rule 42). */
    private String body(Pending event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", event.occurredAt().toString());
        body.put("data", json.readValue(event.data(), JsonNode.class));
        return json.writeValueAsString(body);
    }

}
