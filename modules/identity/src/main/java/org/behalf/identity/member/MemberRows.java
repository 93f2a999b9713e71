package org.behalf.identity.member;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the rows of {@link MemberRepository#byId} and {@link MemberRepository#byKey} by position, in
 * the order of {@link MemberRepository#COLUMNS}: every profile read and edit and every sign-in reads
 * one, and a look-up by name costs a search per column.
 */
class MemberRows implements RowMapper<Member> {

    @Override
    public Member mapRow(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9));
    }
}
