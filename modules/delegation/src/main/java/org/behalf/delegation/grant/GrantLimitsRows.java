package org.behalf.delegation.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;

import org.behalf.delegation.api.GrantStatus;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads {@link GrantRepository#lockLimits}'s row by position, in the order of its SELECT: the check
 * of every delegated request and every token exchange reads one, and a lookup by name costs a search
 * per column.
 */
class GrantLimitsRows implements RowMapper<GrantLimits> {

    @Override
    public GrantLimits mapRow(ResultSet rs, int row) throws SQLException {
        return new GrantLimits(rs.getString(1), rs.getString(2), GrantStatus.valueOf(rs.getString(3)),
                StoredGrant.names(rs.getString(4)), StoredGrant.names(rs.getString(5)), StoredGrant.quotas(rs.getString(6)),
                StoredGrant.window(rs.getString(7), rs.getString(8), rs.getString(9)), ZoneId.of(rs.getString(10)),
                StoredGrant.ranges(rs.getString(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
