package org.behalf.events.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code events_webhook} table. */
@Repository
class WebhookRepository {

    private static final String COLUMNS = "owner_id, id, client_id, url, event_types, secret, previous_secret, previous_until, status, "
            + "created_at, disabled_at";
    private static final RowMapper<Webhook> ROW = WebhookRepository::row;

    private final JdbcTemplate jdbc;

    WebhookRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Webhook hook) {
        jdbc.update("INSERT INTO events_webhook (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", hook.ownerId(), hook.id(),
                hook.clientId(), hook.url(), String.join(" ", hook.events()), hook.secret(), hook.previousSecret(),
                time(hook.previousUntil()), hook.status(), time(hook.createdAt()), time(hook.disabledAt()));
    }

    void update(Webhook hook) {
        jdbc.update("UPDATE events_webhook SET url = ?, event_types = ?, secret = ?, previous_secret = ?, previous_until = ?, status = ?, "
                        + "disabled_at = ? WHERE owner_id = ? AND id = ?", hook.url(), String.join(" ", hook.events()), hook.secret(),
                hook.previousSecret(), time(hook.previousUntil()), hook.status(), time(hook.disabledAt()), hook.ownerId(), hook.id());
    }

    Optional<Webhook> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_webhook WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The owner's subscriptions, locked: creating one counts them under this lock. */
    List<Webhook> lockByOwner(String ownerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_webhook WHERE owner_id = ? FOR UPDATE", ROW, ownerId);
    }

    List<Webhook> byOwner(String ownerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_webhook WHERE owner_id = ? ORDER BY created_at DESC, id DESC", ROW, ownerId);
    }

    /**
     * The subscriptions that take events now, owned by one of {@code owners} or belonging to one of
     * {@code clients}: the active ones, and those disabled since {@code heldSince} or later, whose
     * events are held ({@link Webhook#HOLD_FOR}).
     */
    List<Webhook> takingFor(Collection<String> owners, Collection<String> clients, Instant heldSince) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events_webhook WHERE " + TAKING + " AND (owner_id IN (")
                .append(marks(owners.size())).append(")");
        if (!clients.isEmpty()) {
            sql.append(" OR client_id IN (").append(marks(clients.size())).append(")");
        }
        sql.append(")");
        List<Object> args = new ArrayList<>();
        args.add(time(heldSince));
        args.addAll(owners);
        args.addAll(clients);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Active, or disabled since the parameter (a time) or later: its events are delivered or held. */
    static final String TAKING = "(status = 'active' OR (status = 'disabled' AND disabled_at >= ?))";

    /**
     * The status of each of these subscriptions still there, read with their rows locked in id order
     * (through the id's index, as {@link #lockById}): the fan-out locks the subscriptions it is about
     * to write deliveries for, so that it never holds deliveries of one a delete is removing.
     */
    Map<String, String> lockStatuses(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("SELECT id, status FROM events_webhook WHERE id IN (" + marks(ids.size()) + ") ORDER BY id FOR UPDATE",
                (rs, n) -> Map.entry(rs.getString(1), rs.getString(2)), ids.toArray()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The subscription, read with its row locked through the id's index, the way the fan-out locks
     * it ({@link #lockStatuses}): what changes its deliveries locks it first.
     */
    Optional<Webhook> lockById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_webhook WHERE id = ? FOR UPDATE", ROW, id).stream().findFirst();
    }

    /** The subscription only: its deliveries go first ({@link DeliveryRepository#deleteAll}). */
    void delete(Webhook hook) {
        jdbc.update("DELETE FROM events_webhook WHERE owner_id = ? AND id = ?", hook.ownerId(), hook.id());
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static Webhook row(ResultSet rs, int n) throws SQLException {
        return new Webhook(rs.getString("owner_id"), rs.getString("id"), rs.getString("client_id"), rs.getString("url"),
                Arrays.stream(rs.getString("event_types").split(" ")).filter(s -> !s.isEmpty()).toList(), rs.getString("secret"),
                rs.getString("previous_secret"), instant(rs.getTimestamp("previous_until")), rs.getString("status"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("disabled_at")));
    }

    static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
