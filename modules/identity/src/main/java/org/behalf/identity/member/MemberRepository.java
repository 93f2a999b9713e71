package org.behalf.identity.member;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class MemberRepository {

    private static final String COLUMNS = "id, handle, email, display_name, password_hash, status, created_at, kind, operator_id";
    private static final RowMapper<Member> ROW = (rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9));

    private final JdbcTemplate jdbc;

    MemberRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Member> byId(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM identity_member WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** By normalised handle or e-mail key. */
    Optional<Member> byKey(String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM identity_member WHERE handle_key = ? OR email_key = ?", ROW, key, key)
                .stream().findFirst();
    }

    boolean taken(String handleKey, String emailKey) {
        return !jdbc.queryForList("SELECT 1 FROM identity_member WHERE handle_key = ? OR email_key = ?", Integer.class,
                handleKey, emailKey).isEmpty();
    }

    void insert(Member member) {
        // An agent has no e-mail: its key is one no address normalises to (no '@'), unique by its id.
        String emailKey = member.agent() ? "agent:" + member.id() : Names.emailKey(member.email());
        jdbc.update("INSERT INTO identity_member (id, handle, handle_key, email, email_key, display_name, password_hash, status, "
                        + "created_at, kind, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", member.id(), member.handle(),
                Names.handleKey(member.handle()), member.email(), emailKey, member.displayName(), member.passwordHash(), member.status(),
                Timestamp.from(member.createdAt()), member.kind(), member.operatorId());
    }

    /** Locks the operator's row, so that two agents created at once are counted one after the other. */
    void lockOperator(String operatorId) {
        jdbc.queryForList("SELECT id FROM identity_member WHERE id = ? FOR UPDATE", String.class, operatorId);
    }

    /** The agents a person runs, newest first. */
    List<Member> agentsOf(String operatorId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM identity_member WHERE operator_id = ? AND kind = 'agent' AND status = 'ACTIVE' "
                + "ORDER BY created_at DESC, id DESC", ROW, operatorId);
    }

    void updatePassword(String id, String hash) {
        jdbc.update("UPDATE identity_member SET password_hash = ? WHERE id = ?", hash, id);
    }

    void close(String id) {
        jdbc.update("UPDATE identity_member SET status = 'CLOSED' WHERE id = ?", id);
    }
}
