package org.behalf.network.profile;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the edit's locked row ({@link ProfileRepository#findLockedByMemberId}) straight into a
 * {@link Profile}, with the same column formats ({@link ProfileColumns}). Hand-written because
 * Spring Data JDBC's entity mapping of this one row was 4 % of the server's CPU on
 * {@code PATCH /api/v1/profile}, a benchmarked hot path (JFR, scripts/bench delegation,
 * 2026-12-05); every other read of a profile goes through the entity mapping.
 */
@Component(ProfileRows.BEAN)
class ProfileRows implements RowMapper<Profile> {

    static final String BEAN = "profileRows";

    private static final TypeDescriptor TEXT = TypeDescriptor.valueOf(String.class);

    private final ProfileColumns columns;

    ProfileRows(ProfileColumns columns) {
        this.columns = columns;
    }

    @Override
    public Profile mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new Profile(rs.getString("member_id"), rs.getString("headline"), rs.getString("summary"), rs.getString("location"),
                column(rs, "positions", Profile.Positions.class), column(rs, "education", Profile.EducationList.class),
                column(rs, "skills", Profile.Skills.class), column(rs, "private_fields", Profile.PrivateFields.class),
                rs.getTimestamp("updated_at").toInstant());
    }

    private <T> T column(ResultSet rs, String name, Class<T> type) throws SQLException {
        return type.cast(columns.convert(rs.getString(name), TEXT, TypeDescriptor.valueOf(type)));
    }
}
