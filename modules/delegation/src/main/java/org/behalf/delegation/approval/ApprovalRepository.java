package org.behalf.delegation.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Staged requests, per holder; decided under the row lock so one decision wins. */
@Repository
class ApprovalRepository {

    private static final String COLUMNS = "id, holder_id, grant_id, delegate_id, client_id, action, scope, method, path, "
            + "content_type, body, status, created_at, decided_at, result_status, result, changes";

    private final JdbcTemplate jdbc;

    ApprovalRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Approval a) {
        jdbc.update("INSERT INTO delegation_approval (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                a.id(), a.holderId(), a.grantId(), a.delegateId(), a.clientId(), a.action(), a.scope(), a.method(), a.path(),
                a.contentType(), a.body(), a.status(), Timestamp.from(a.createdAt()), null, null, null, a.changes());
    }

    Optional<Approval> lock(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation_approval WHERE id = ? FOR UPDATE", this::map, id)
                .stream().findFirst();
    }

    List<Approval> byHolder(String holderId, String status, int limit) {
        return by("holder_id", holderId, status, limit);
    }

    /** The changes a delegate proposed to any account, newest first: their own record of their work. */
    List<Approval> byDelegate(String delegateId, String status, int limit) {
        return by("delegate_id", delegateId, status, limit);
    }

    /** {@code column} is one of two constants above, never input. */
    private List<Approval> by(String column, String id, String status, int limit) {
        return status == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM delegation_approval WHERE " + column + " = ? ORDER BY created_at DESC, id LIMIT "
                        + limit, this::map, id)
                : jdbc.query("SELECT " + COLUMNS + " FROM delegation_approval WHERE " + column + " = ? AND status = ? "
                        + "ORDER BY created_at DESC, id LIMIT " + limit, this::map, id, status);
    }

    void decide(Approval a) {
        jdbc.update("UPDATE delegation_approval SET status = ?, decided_at = ?, result_status = ?, result = ? WHERE id = ?",
                a.status(), Timestamp.from(a.decidedAt()), a.resultStatus(), a.result(), a.id());
    }

    private Approval map(ResultSet rs, int row) throws SQLException {
        return new Approval(rs.getString("id"), rs.getString("holder_id"), rs.getString("grant_id"), rs.getString("delegate_id"),
                rs.getString("client_id"), rs.getString("action"), rs.getString("scope"), rs.getString("method"),
                rs.getString("path"), rs.getString("content_type"), rs.getString("body"), rs.getString("status"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("decided_at")),
                (Integer) rs.getObject("result_status", Integer.class), rs.getString("result"), rs.getString("changes"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
