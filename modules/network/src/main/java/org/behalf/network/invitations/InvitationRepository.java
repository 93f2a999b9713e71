package org.behalf.network.invitations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class InvitationRepository {

    private static final String COLUMNS = "id, from_id, to_id, via_id, message, status, created_at, answered_at";

    /** Which column a list direction filters on: an allow-list, never caller text in SQL (SECURITY-CASES 25). */
    enum Direction {
        RECEIVED("to_id", "AND status <> 'FORWARDING' AND status <> 'NOT_FORWARDED'"),
        SENT("from_id", ""),
        INTRODUCTIONS("via_id", "");

        private final String column;
        private final String condition;

        Direction(String column, String condition) {
            this.column = column;
            this.condition = condition;
        }
    }

    private final JdbcTemplate jdbc;

    InvitationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Invitation> lock(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM network_invitation WHERE id = ? FOR UPDATE", ROW, id).stream().findFirst();
    }

    void insert(Invitation invitation) {
        jdbc.update("INSERT INTO network_invitation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", invitation.id(),
                invitation.fromId(), invitation.toId(), invitation.viaId(), invitation.message(), invitation.status().name(),
                Timestamp.from(invitation.createdAt()), null);
    }

    void update(Invitation invitation) {
        jdbc.update("UPDATE network_invitation SET status = ?, answered_at = ? WHERE id = ?", invitation.status().name(),
                invitation.answeredAt() == null ? null : Timestamp.from(invitation.answeredAt()), invitation.id());
    }

    /**
     * Whom the member's open invitations (pending or waiting to be forwarded) go to. A locking read:
     * it sees what other transactions committed after this one's snapshot was taken, which a plain
     * read under REPEATABLE READ would not (the caller holds the member's lock, see
     * {@code NetworkMembers.lock}). It walks the {@code from_id} index, never the whole table.
     */
    List<String> openSentBy(String memberId) {
        return jdbc.queryForList("SELECT to_id FROM network_invitation WHERE from_id = ? AND status IN ('PENDING', 'FORWARDING') "
                + "FOR UPDATE", String.class, memberId);
    }

    /** Closes what {@code from} still has open towards {@code to}; how many. */
    int closeOpen(String from, String to, Invitation.Status status, Instant at) {
        return jdbc.update("UPDATE network_invitation SET status = ?, answered_at = ? WHERE from_id = ? AND to_id = ? "
                + "AND status IN ('PENDING', 'FORWARDING')", status.name(), Timestamp.from(at), from, to);
    }

    /** Closes what a member still has open, sent ({@code sent}) and received ({@code received}); how many. */
    int closeAllOpen(String memberId, Invitation.Status sent, Invitation.Status received, Instant at) {
        return jdbc.update("UPDATE network_invitation SET status = ?, answered_at = ? WHERE from_id = ? AND status IN ('PENDING', 'FORWARDING')",
                sent.name(), Timestamp.from(at), memberId)
                + jdbc.update("UPDATE network_invitation SET status = ?, answered_at = ? WHERE to_id = ? AND status IN ('PENDING', 'FORWARDING')",
                received.name(), Timestamp.from(at), memberId);
    }

    List<Invitation> page(String memberId, Direction direction, Instant beforeAt, String beforeId, int limit) {
        String where = "WHERE " + direction.column + " = ? " + direction.condition;
        if (beforeAt == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM network_invitation " + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ?", ROW, memberId, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM network_invitation " + where
                + " AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?", ROW,
                memberId, Timestamp.from(beforeAt), Timestamp.from(beforeAt), beforeId, limit);
    }

    private static final RowMapper<Invitation> ROW = (rs, n) -> new Invitation(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), Invitation.Status.valueOf(rs.getString(6)),
            rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
}
