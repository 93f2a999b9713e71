package org.behalf.identity.member;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class MemberRepository {

    private static final String COLUMNS = "id, handle, email, display_name, password_hash, status, created_at";
    private static final RowMapper<Member> ROW = (rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());

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
        jdbc.update("INSERT INTO identity_member (id, handle, handle_key, email, email_key, display_name, password_hash, status, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", member.id(), member.handle(), Names.handleKey(member.handle()),
                member.email(), Names.emailKey(member.email()), member.displayName(), member.passwordHash(), member.status(),
                Timestamp.from(member.createdAt()));
    }

    void updatePassword(String id, String hash) {
        jdbc.update("UPDATE identity_member SET password_hash = ? WHERE id = ?", hash, id);
    }

    void close(String id) {
        jdbc.update("UPDATE identity_member SET status = 'CLOSED' WHERE id = ?", id);
    }
}
