package org.behalf.events.webhooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.OpaqueIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns outbox rows into deliveries, after the change committed and away from its request: one per
 * active subscription that wants the type and that belongs to an account the event is about, or to
 * a client one of those accounts authorized (DESIGN.md section 6); and one SET per Shared Signals
 * stream that hears of the grant ({@link #listeners}). Rows are claimed with SKIP LOCKED and removed
 * in the same transaction as their deliveries are written, so each is fanned out once across nodes,
 * and again after a crash only if nothing of it committed.
 */
@Component
class FanOut {

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

    record Pending(String accountId, String id, String otherAccount, String type, String data, Timestamp occurredAt) {
    }

    /**
     * Fans out one batch; answers how many outbox rows it took. READ COMMITTED: a locking read under
     * REPEATABLE READ also locks the gaps of the index it scans, which would hold up the requests
     * inserting new outbox rows until this transaction ends (measured: scripts/bench webhooks).
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int fanOut() {
        List<Pending> batch = jdbc.query("SELECT account_id, id, other_account, type, data, occurred_at FROM events_outbox "
                        + "ORDER BY occurred_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                (rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6)));
        Lookups lookups = new Lookups();
        for (Pending event : batch) {
            for (Webhook hook : subscribers(event, lookups)) {
                deliveries.insert(hook.ownerId(), OpaqueIds.next("msg"), hook.id(), event.type(), body(event),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }
            securityEvents(event, lookups);
            jdbc.update("DELETE FROM events_outbox WHERE account_id = ? AND id = ?", event.accountId(), event.id());
        }
        return batch.size();
    }

    /**
     * The client look-ups of one batch, each asked once: under load a batch holds many events of the
     * same accounts for the same subscriptions, and this work competes with requests for the
     * database (issue 19, "Load and limits"). A batch is one transaction of a fraction of a second,
     * so a consent or client removed meanwhile is seen by the next batch.
     */
    private final class Lookups {
        private final Map<String, Set<String>> authorized = new HashMap<>();
        private final Map<String, Boolean> owned = new HashMap<>();

        Set<String> authorizedBy(String account) {
            return authorized.computeIfAbsent(account, clients::authorizedBy);
        }

        boolean owns(String owner, String client) {
            return owned.computeIfAbsent(owner + " " + client, key -> clients.owns(owner, client));
        }
    }

    private List<Webhook> subscribers(Pending event, Lookups lookups) {
        Set<String> accounts = new HashSet<>();
        accounts.add(event.accountId());
        if (event.otherAccount() != null) {
            accounts.add(event.otherAccount());
        }
        Set<String> authorized = new HashSet<>();
        accounts.forEach(account -> authorized.addAll(lookups.authorizedBy(account)));
        return webhooks.activeFor(accounts, authorized).stream()
                .filter(hook -> hook.events().contains(event.type()))
                // A subscription whose client its owner no longer has hears nothing.
                .filter(hook -> lookups.owns(hook.ownerId(), hook.clientId()))
                .toList();
    }

    /** A grant's SET for each stream that hears of it; the claims are signed when sent, with the key current then. */
    private void securityEvents(Pending event, Lookups lookups) {
        String type = SecurityEvents.of(event.type());
        if (type == null) {
            return;
        }
        JsonNode data = json.readValue(event.data(), JsonNode.class);
        for (Stream stream : listeners(data, type, lookups)) {
            if (!event.occurredAt().toInstant().plus(STORED_PRECISION).isAfter(stream.liveSince())) {
                continue; // it happened while the stream was disabled: dropped (SSF 1.0 section 8.1.2)
            }
            deliveries.insert(stream.ownerId(), OpaqueIds.next("set"), stream.id(), SecurityEvents.shortName(type),
                    json.writeValueAsString(SecurityEvents.ofGrant(stream.issuer(), event.id(), event.type(), data,
                            event.occurredAt().toInstant())),
                    Stream.PAUSED.equals(stream.status()) ? Delivery.HELD : Delivery.PENDING, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    /**
     * The audience rule of Shared Signals (docs/security.md rule 42): a grant's SETs go only to the
     * streams of clients its delegate has authorized. Those are the apps that can hold delegation
     * tokens of the grant (the token exchange takes the delegate's own token from the app, RFC 8693
     * section 2.1), and the delegate's grants are already theirs to read through such an app. Not the
     * holder's apps: they hold no token of the grant, and would learn who the holder's helpers are.
     * A stream whose client its owner no longer has, or that is disabled, hears nothing; nor does any
     * other client, so no client learns of another client's users.
     */
    private List<Stream> listeners(JsonNode data, String type, Lookups lookups) {
        if (!data.hasNonNull("delegateId")) {
            return List.of();
        }
        return streams.liveFor(lookups.authorizedBy(data.path("delegateId").asString())).stream()
                .filter(stream -> stream.events().contains(type))
                .filter(stream -> lookups.owns(stream.ownerId(), stream.clientId()))
                .toList();
    }

    /** {@code {"type", "timestamp", "data"}}: ids and states only, never a token or a secret (docs/security.md rule 42). */
    private String body(Pending event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", event.occurredAt().toInstant().toString());
        body.put("data", json.readValue(event.data(), JsonNode.class));
        return json.writeValueAsString(body);
    }

}
