package org.behalf.events.webhooks;

import static org.behalf.events.webhooks.WebhookRepository.instant;
import static org.behalf.events.webhooks.WebhookRepository.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code events_delivery} and {@code events_attempt} tables. */
@Repository
class DeliveryRepository {

    private static final String COLUMNS = "owner_id, id, webhook_id, type, body, status, attempts, created_at, retry_from, "
            + "next_attempt_at, last_attempt_at, last_status, last_error";
    private static final RowMapper<Delivery> ROW = DeliveryRepository::row;

    private final JdbcTemplate jdbc;

    DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String ownerId, String id, String webhookId, String type, String body, Instant now) {
        insert(ownerId, id, webhookId, type, body, Delivery.PENDING, now);
    }

    /** {@code status} pending, or held for a paused stream. */
    void insert(String ownerId, String id, String webhookId, String type, String body, String status, Instant now) {
        jdbc.update("INSERT INTO events_delivery (owner_id, id, webhook_id, type, body, status, attempts, created_at, retry_from, "
                + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", ownerId, id, webhookId, type, body, status, time(now), time(now),
                time(now));
    }

    /**
     * Due deliveries no node holds, skipping rows another node is claiming right now (SKIP LOCKED,
     * MySQL 8 and MariaDB 10.6+) and subscriptions this node already has in flight; the caller
     * leases what it takes in the same transaction, so each attempt runs on one node only (the
     * lease also settles it on a multi-primary cluster, where the losing node's update conflicts).
     */
    List<Delivery> lockDue(Instant now, Collection<String> busyWebhooks, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events_delivery WHERE status = 'pending' AND next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?)");
        List<Object> args = new ArrayList<>(List.of(time(now), time(now)));
        if (!busyWebhooks.isEmpty()) {
            sql.append(" AND webhook_id NOT IN (").append(String.join(", ", java.util.Collections.nCopies(busyWebhooks.size(), "?"))).append(")");
            args.addAll(busyWebhooks);
        }
        sql.append(" ORDER BY next_attempt_at LIMIT ").append(limit).append(" FOR UPDATE SKIP LOCKED");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    void lease(Delivery delivery, Instant until) {
        jdbc.update("UPDATE events_delivery SET lease_until = ? WHERE owner_id = ? AND id = ?", time(until), delivery.ownerId(), delivery.id());
    }

    void release(Delivery delivery) {
        jdbc.update("UPDATE events_delivery SET lease_until = NULL WHERE owner_id = ? AND id = ?", delivery.ownerId(), delivery.id());
    }

    /** Stores an attempt and what follows from it: delivered, retried at {@code next}, or failed for good (next null). */
    void attempted(Delivery delivery, Delivery.Attempt attempt, String status, Instant next) {
        jdbc.update("INSERT INTO events_attempt (owner_id, delivery_id, attempt, attempted_at, response_status, error, duration_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", delivery.ownerId(), delivery.id(), attempt.attempt(), time(attempt.attemptedAt()),
                attempt.responseStatus(), attempt.error(), attempt.durationMs());
        jdbc.update("UPDATE events_delivery SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL, last_attempt_at = ?, "
                        + "last_status = ?, last_error = ? WHERE owner_id = ? AND id = ?", status, attempt.attempt(),
                time(next == null ? attempt.attemptedAt() : next), time(attempt.attemptedAt()), attempt.responseStatus(), attempt.error(),
                delivery.ownerId(), delivery.id());
    }

    /** A disabled subscription's pending deliveries wait (held) until it is enabled again. */
    void hold(String ownerId, String webhookId) {
        jdbc.update("UPDATE events_delivery SET status = 'held' WHERE owner_id = ? AND webhook_id = ? AND status = 'pending'", ownerId, webhookId);
    }

    void resume(String ownerId, String webhookId, Instant now) {
        jdbc.update("UPDATE events_delivery SET status = 'pending', next_attempt_at = ?, retry_from = ? WHERE owner_id = ? AND webhook_id = ? "
                + "AND status = 'held'", time(now), time(now), ownerId, webhookId);
    }

    /** Every delivery of a webhook or stream being deleted, with its attempts. */
    void deleteAll(String ownerId, String subscriptionId) {
        jdbc.update("DELETE FROM events_attempt WHERE owner_id = ? AND delivery_id IN (SELECT id FROM events_delivery WHERE webhook_id = ?)",
                ownerId, subscriptionId);
        jdbc.update("DELETE FROM events_delivery WHERE owner_id = ? AND webhook_id = ?", ownerId, subscriptionId);
    }

    /** A disabled stream's events are dropped (SSF 1.0 section 8.1.2): kept in the log, never sent. */
    void drop(String ownerId, String subscriptionId) {
        jdbc.update("UPDATE events_delivery SET status = 'dropped', lease_until = NULL WHERE owner_id = ? AND webhook_id = ? "
                + "AND status IN ('pending', 'held')", ownerId, subscriptionId);
    }

    Optional<Delivery> find(String ownerId, String webhookId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_delivery WHERE owner_id = ? AND webhook_id = ? AND id = ?", ROW, ownerId,
                webhookId, id).stream().findFirst();
    }

    /** Again from now, with a fresh 24 hours of retries; the id stays, so receivers still see one event. */
    void redeliver(Delivery delivery, Instant now) {
        jdbc.update("UPDATE events_delivery SET status = 'pending', next_attempt_at = ?, retry_from = ?, lease_until = NULL "
                + "WHERE owner_id = ? AND id = ?", time(now), time(now), delivery.ownerId(), delivery.id());
    }

    /** The newest deliveries of a subscription, older than {@code before} when given, with their attempts. */
    List<Delivery.Logged> log(String ownerId, String webhookId, Delivery before, int limit) {
        List<Delivery> deliveries = before == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM events_delivery WHERE owner_id = ? AND webhook_id = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT " + limit, ROW, ownerId, webhookId)
                : jdbc.query("SELECT " + COLUMNS + " FROM events_delivery WHERE owner_id = ? AND webhook_id = ? AND (created_at < ? "
                + "OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT " + limit, ROW, ownerId, webhookId,
                time(before.createdAt()), time(before.createdAt()), before.id());
        return deliveries.stream().map(d -> new Delivery.Logged(d.id(), d.type(), d.status(), d.attempts(), d.createdAt(),
                Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatus(), d.lastError(), attempts(d))).toList();
    }

    private List<Delivery.Attempt> attempts(Delivery delivery) {
        return jdbc.query("SELECT attempt, attempted_at, response_status, error, duration_ms FROM events_attempt WHERE owner_id = ? "
                        + "AND delivery_id = ? ORDER BY attempt", (rs, n) -> new Delivery.Attempt(rs.getInt("attempt"),
                        instant(rs.getTimestamp("attempted_at")), (Integer) rs.getObject("response_status", Integer.class), rs.getString("error"),
                        rs.getInt("duration_ms")), delivery.ownerId(), delivery.id());
    }

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getString("owner_id"), rs.getString("id"), rs.getString("webhook_id"), rs.getString("type"),
                rs.getString("body"), rs.getString("status"), rs.getInt("attempts"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("retry_from")), instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("last_attempt_at")),
                rs.getObject("last_status", Integer.class), rs.getString("last_error"));
    }
}
