package org.behalf.events.webhooks;

import static org.behalf.events.webhooks.WebhookRepository.instant;
import static org.behalf.events.webhooks.WebhookRepository.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.behalf.kernel.OpaqueIds;
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

    private static final String INSERT = "INSERT INTO events_delivery (owner_id, id, webhook_id, lane, type, body, status, attempts, "
            + "created_at, retry_from, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";

    /** A delivery to be written: pending, or held for a paused stream. */
    record New(String ownerId, String id, String webhookId, String type, String body, String status) {
    }

    void insert(String ownerId, String id, String webhookId, String type, String body, Instant now) {
        insert(ownerId, id, webhookId, type, body, Delivery.PENDING, now);
    }

    /** {@code status} pending, or held for a paused stream. */
    void insert(String ownerId, String id, String webhookId, String type, String body, String status, Instant now) {
        insertAll(List.of(new New(ownerId, id, webhookId, type, body, status)), now);
    }

    /** All in one batch (the fan-out writes a batch's deliveries at once); each in its subscription's {@link Lane}. */
    void insertAll(List<New> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp at = time(now);
        jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> {
            statement.setString(1, row.ownerId());
            statement.setString(2, row.id());
            statement.setString(3, row.webhookId());
            statement.setString(4, Lane.of(row.webhookId()).stored);
            statement.setString(5, row.type());
            statement.setString(6, row.body());
            statement.setString(7, row.status());
            statement.setTimestamp(8, at);
            statement.setTimestamp(9, at);
            statement.setTimestamp(10, at);
        });
    }

    /**
     * Due deliveries of one lane that no node holds, first due first, skipping rows another node is
     * claiming right now (SKIP LOCKED, MySQL 8 and MariaDB 10.6+) and the subscriptions and owners
     * this node has as many runs in flight of as it allows, or leaves out for now; the caller leases what it takes in the same
     * transaction, so each attempt runs on one node only (the lease also settles it on a
     * multi-primary cluster, where the losing node's update conflicts). One index
     * ({@code events_delivery_lane}) gives the lane's due rows in order, so a SET is never behind
     * webhook rows in a scan.
     */
    List<Delivery> lockDue(Lane lane, Instant now, Collection<String> busyWebhooks, Collection<String> busyOwners, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events_delivery WHERE lane = ? AND status = 'pending' "
                + "AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)");
        List<Object> args = new ArrayList<>(List.of(lane.stored, time(now), time(now)));
        notIn(sql, args, "webhook_id", busyWebhooks);
        notIn(sql, args, "owner_id", busyOwners);
        sql.append(" ORDER BY next_attempt_at LIMIT ").append(limit).append(" FOR UPDATE SKIP LOCKED");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static void notIn(StringBuilder sql, List<Object> args, String column, Collection<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" NOT IN (").append(String.join(", ", java.util.Collections.nCopies(values.size(), "?")))
                    .append(")");
            args.addAll(values);
        }
    }

    void leaseAll(List<Delivery> claimed, Instant until) {
        jdbc.batchUpdate("UPDATE events_delivery SET lease_until = ? WHERE owner_id = ? AND id = ?", claimed, claimed.size(),
                (statement, delivery) -> {
                    statement.setTimestamp(1, time(until));
                    statement.setString(2, delivery.ownerId());
                    statement.setString(3, delivery.id());
                });
    }

    /** Not attempted after all, and not to be tried before {@code from}: then free for a claim, on any node. */
    void releaseAll(List<Delivery> unsent, Instant from) {
        jdbc.batchUpdate("UPDATE events_delivery SET lease_until = NULL, next_attempt_at = GREATEST(next_attempt_at, ?) "
                + "WHERE owner_id = ? AND id = ?", unsent, unsent.size(), (statement, delivery) -> {
                    statement.setTimestamp(1, time(from));
                    statement.setString(2, delivery.ownerId());
                    statement.setString(3, delivery.id());
                });
    }

    /** Not attempted after all: free for the next claim, on any node. */
    void releaseAll(List<Delivery> unsent) {
        jdbc.batchUpdate("UPDATE events_delivery SET lease_until = NULL WHERE owner_id = ? AND id = ?", unsent, unsent.size(),
                (statement, delivery) -> {
                    statement.setString(1, delivery.ownerId());
                    statement.setString(2, delivery.id());
                });
    }

    /**
     * An attempt and what follows from it: delivered, retried at {@code next}, or failed for good
     * (next null); {@code giveUp} when it failed for so long that its subscription ends.
     */
    record Settled(Delivery delivery, Delivery.Attempt attempt, String status, Instant next, boolean giveUp) {
    }

    /** Stores attempts, each with what follows from it, in one batch per table. */
    void attempted(List<Settled> settled) {
        if (settled.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO events_attempt (owner_id, delivery_id, attempt, attempted_at, response_status, error, duration_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", settled, settled.size(), (statement, one) -> {
                    statement.setString(1, one.delivery().ownerId());
                    statement.setString(2, one.delivery().id());
                    statement.setInt(3, one.attempt().attempt());
                    statement.setTimestamp(4, time(one.attempt().attemptedAt()));
                    statement.setObject(5, one.attempt().responseStatus(), Types.INTEGER);
                    statement.setString(6, one.attempt().error());
                    statement.setInt(7, one.attempt().durationMs());
                });
        jdbc.batchUpdate("UPDATE events_delivery SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL, last_attempt_at = ?, "
                + "last_status = ?, last_error = ? WHERE owner_id = ? AND id = ?", settled, settled.size(), (statement, one) -> {
                    statement.setString(1, one.status());
                    statement.setInt(2, one.attempt().attempt());
                    statement.setTimestamp(3, time(one.next() == null ? one.attempt().attemptedAt() : one.next()));
                    statement.setTimestamp(4, time(one.attempt().attemptedAt()));
                    statement.setObject(5, one.attempt().responseStatus(), Types.INTEGER);
                    statement.setString(6, one.attempt().error());
                    statement.setString(7, one.delivery().ownerId());
                    statement.setString(8, one.delivery().id());
                });
    }

    /** What the log says of a webhook's delivery held past {@link Webhook#HOLD_FOR}: not sent, and why. */
    static final String EXPIRED = "Not sent: it waited more than " + Webhook.HOLD_FOR.toDays()
            + " days for the webhook to be enabled again; read the current state from the API.";

    /** A disabled subscription's pending deliveries wait (held) until it is enabled again. */
    void hold(String ownerId, String webhookId) {
        jdbc.update("UPDATE events_delivery SET status = 'held' WHERE owner_id = ? AND webhook_id = ? AND status = 'pending'", ownerId, webhookId);
    }

    /**
     * A subscription enabled again: its held deliveries are due now, with a fresh 24 hours of
     * retries. A webhook's held longer than {@link Webhook#HOLD_FOR} fail instead, saying why in the
     * log; a paused stream's are all sent (SSF 1.0 section 8.1.2.2 keeps them without a bound).
     */
    void resume(String ownerId, String webhookId, Instant now) {
        if (!Stream.isStream(webhookId)) {
            jdbc.update("UPDATE events_delivery SET status = 'failed', lease_until = NULL, last_error = ? WHERE owner_id = ? "
                    + "AND webhook_id = ? AND status = 'held' AND created_at < ?", EXPIRED, ownerId, webhookId,
                    time(now.minus(Webhook.HOLD_FOR)));
        }
        jdbc.update("UPDATE events_delivery SET status = 'pending', next_attempt_at = ?, retry_from = ? WHERE owner_id = ? AND webhook_id = ? "
                + "AND status = 'held'", time(now), time(now), ownerId, webhookId);
    }

    /** A run's deliveries, not sent, set to {@code status} (held or dropped) and no longer leased. */
    void settleRun(List<Delivery> run, String status) {
        jdbc.batchUpdate("UPDATE events_delivery SET status = ?, lease_until = NULL WHERE owner_id = ? AND id = ? AND status = 'pending'",
                run, run.size(), (statement, delivery) -> {
                    statement.setString(1, status);
                    statement.setString(2, delivery.ownerId());
                    statement.setString(3, delivery.id());
                });
    }

    /** A run's deliveries of a subscription that is gone, with their attempts. */
    void deleteRun(List<Delivery> run) {
        jdbc.batchUpdate("DELETE FROM events_attempt WHERE owner_id = ? AND delivery_id = ?", run, run.size(), (statement, delivery) -> {
            statement.setString(1, delivery.ownerId());
            statement.setString(2, delivery.id());
        });
        jdbc.batchUpdate("DELETE FROM events_delivery WHERE owner_id = ? AND id = ?", run, run.size(), (statement, delivery) -> {
            statement.setString(1, delivery.ownerId());
            statement.setString(2, delivery.id());
        });
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

    /**
     * The subscription's delivery by the id a caller gave (a redelivery's, a page's cursor). Only an id of
     * a delivery id's shape is looked up: the column compares byte for byte (V202612070954) but pads, and
     * found "msg_…   " as "msg_…" (docs/security.md rule 26).
     */
    Optional<Delivery> find(String ownerId, String webhookId, String id) {
        if (!OpaqueIds.isOf(Delivery.WEBHOOK_ID_PREFIX, id) && !OpaqueIds.isOf(Delivery.SET_ID_PREFIX, id)) {
            return Optional.empty();
        }
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
