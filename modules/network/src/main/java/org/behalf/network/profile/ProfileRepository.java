package org.behalf.network.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProfileRepository {

    private static final String SELECT = "SELECT member_id, headline, summary, location, positions, education, skills, private_fields, "
            + "updated_at FROM network_profile WHERE member_id = ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ProfileRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Profile> find(String memberId) {
        return jdbc.query(SELECT, this::profile, memberId).stream().findFirst();
    }

    /**
     * The member's profile, its row locked until the transaction ends: two edits of one profile
     * apply one after the other, so that the later one cannot write back the fields the earlier
     * one changed. Every member has a row from sign-up on ({@link #create}; migration
     * V202612020100 for earlier members), so the locking read finds one and locks only it: a
     * locking read of a missing row also locks the gap around it, and two members' first edits,
     * each inserting into the gap the other locked, deadlocked (InnoDB, REPEATABLE READ). Should
     * a row still be missing (a member signed up by a node of the previous release during an
     * upgrade), it is created here, after the locking read: such first edits may still meet in a
     * gap, as all first edits did before.
     */
    Profile lock(String memberId, Instant now) {
        Optional<Profile> locked = locked(memberId);
        if (locked.isPresent()) {
            return locked.get();
        }
        create(memberId, now);
        return locked(memberId).orElseThrow();
    }

    private Optional<Profile> locked(String memberId) {
        return jdbc.query(SELECT + " FOR UPDATE", this::profile, memberId).stream().findFirst();
    }

    /** An empty profile for a new member; nothing if the member has one. */
    void create(String memberId, Instant now) {
        Profile empty = Profile.empty(memberId, now);
        jdbc.update("INSERT INTO network_profile (headline, summary, location, positions, education, skills, private_fields, "
                + "updated_at, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE member_id = member_id", values(empty));
    }

    private Profile profile(ResultSet rs, int row) throws SQLException {
        return new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                json.readValue(rs.getString(5), new TypeReference<List<Profile.Position>>() { }),
                json.readValue(rs.getString(6), new TypeReference<List<Profile.Education>>() { }),
                json.readValue(rs.getString(7), new TypeReference<List<String>>() { }),
                rs.getString(8).isEmpty() ? java.util.Set.of() : new TreeSet<>(Arrays.asList(rs.getString(8).split(" "))),
                rs.getTimestamp(9).toInstant());
    }

    /** Replaces the whole profile, which {@link #lock} has locked. */
    void save(Profile profile) {
        jdbc.update("UPDATE network_profile SET headline = ?, summary = ?, location = ?, positions = ?, education = ?, skills = ?, "
                + "private_fields = ?, updated_at = ? WHERE member_id = ?", values(profile));
    }

    private Object[] values(Profile profile) {
        return new Object[] {profile.headline(), profile.summary(), profile.location(), json.writeValueAsString(profile.positions()),
                json.writeValueAsString(profile.education()), json.writeValueAsString(profile.skills()),
                profile.privateFields().stream().sorted().collect(Collectors.joining(" ")), Timestamp.from(profile.updatedAt()),
                profile.memberId()};
    }
}
