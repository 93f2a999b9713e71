package org.behalf.network.connections;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The connection graph and blocks. Both directions of a connection are written together. */
@Repository
public class ConnectionRepository {

    private final JdbcTemplate jdbc;

    public ConnectionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean connected(String a, String b) {
        return !jdbc.queryForList("SELECT 1 FROM network_connection WHERE member_id = ? AND connection_id = ?",
                Integer.class, a, b).isEmpty();
    }

    public void connect(String a, String b, Instant at) {
        jdbc.update("INSERT IGNORE INTO network_connection (member_id, connection_id, created_at) VALUES (?, ?, ?)", a, b, Timestamp.from(at));
        jdbc.update("INSERT IGNORE INTO network_connection (member_id, connection_id, created_at) VALUES (?, ?, ?)", b, a, Timestamp.from(at));
    }

    public boolean disconnect(String a, String b) {
        int removed = jdbc.update("DELETE FROM network_connection WHERE member_id = ? AND connection_id = ?", a, b);
        jdbc.update("DELETE FROM network_connection WHERE member_id = ? AND connection_id = ?", b, a);
        return removed > 0;
    }

    /** Removes every connection of a member, both directions of each; how many it had. */
    public int disconnectAll(String memberId) {
        List<String> others = jdbc.queryForList("SELECT connection_id FROM network_connection WHERE member_id = ? FOR UPDATE",
                String.class, memberId);
        others.forEach(other -> disconnect(memberId, other));
        return others.size();
    }

    /** A page of connections, newest first, after the cursor (created_at, id) when given. */
    public List<Connection> page(String memberId, Instant beforeAt, String beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.query("SELECT connection_id, created_at FROM network_connection WHERE member_id = ? "
                    + "ORDER BY created_at DESC, connection_id DESC LIMIT ?", ROW, memberId, limit);
        }
        return jdbc.query("SELECT connection_id, created_at FROM network_connection WHERE member_id = ? "
                + "AND (created_at < ? OR (created_at = ? AND connection_id < ?)) "
                + "ORDER BY created_at DESC, connection_id DESC LIMIT ?", ROW, memberId, Timestamp.from(beforeAt),
                Timestamp.from(beforeAt), beforeId, limit);
    }

    /** Every connection, newest first: the bulk export, which must not stop at a page size. */
    public List<Connection> all(String memberId) {
        return jdbc.query("SELECT connection_id, created_at FROM network_connection WHERE member_id = ? "
                + "ORDER BY created_at DESC, connection_id DESC", ROW, memberId);
    }

    /** Members connected to both. */
    public List<String> shared(String a, String b, int limit) {
        return jdbc.queryForList("SELECT x.connection_id FROM network_connection x JOIN network_connection y "
                + "ON y.member_id = ? AND y.connection_id = x.connection_id WHERE x.member_id = ? "
                + "ORDER BY x.connection_id LIMIT ?", String.class, b, a, limit);
    }

    /** Whether a connection of {@code a} is connected to a connection of {@code b}. */
    public boolean thirdDegree(String a, String b) {
        return !jdbc.queryForList("SELECT 1 FROM network_connection ca "
                + "JOIN network_connection cx ON cx.member_id = ca.connection_id "
                + "JOIN network_connection cb ON cb.member_id = ? AND cb.connection_id = cx.connection_id "
                + "WHERE ca.member_id = ? LIMIT 1", Integer.class, b, a).isEmpty();
    }

    /** Whether {@code member} has blocked {@code other}. */
    public boolean blocked(String member, String other) {
        return !jdbc.queryForList("SELECT 1 FROM network_block WHERE member_id = ? AND blocked_id = ?",
                Integer.class, member, other).isEmpty();
    }

    /** Whether either has blocked the other. */
    public boolean blockedEitherWay(String a, String b) {
        return !jdbc.queryForList("SELECT 1 FROM network_block WHERE (member_id = ? AND blocked_id = ?) "
                + "OR (member_id = ? AND blocked_id = ?)", Integer.class, a, b, b, a).isEmpty();
    }

    public void block(String member, String other, Instant at) {
        jdbc.update("INSERT IGNORE INTO network_block (member_id, blocked_id, created_at) VALUES (?, ?, ?)",
                member, other, Timestamp.from(at));
    }

    public boolean unblock(String member, String other) {
        return jdbc.update("DELETE FROM network_block WHERE member_id = ? AND blocked_id = ?", member, other) > 0;
    }

    public List<String> blockedBy(String member) {
        return jdbc.queryForList("SELECT blocked_id FROM network_block WHERE member_id = ? ORDER BY created_at DESC",
                String.class, member);
    }

    public record Connection(String memberId, Instant since) {
    }

    private static final org.springframework.jdbc.core.RowMapper<Connection> ROW =
            (rs, n) -> new Connection(rs.getString(1), rs.getTimestamp(2).toInstant());
}
