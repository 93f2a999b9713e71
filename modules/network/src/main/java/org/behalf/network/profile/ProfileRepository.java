package org.behalf.network.profile;

import java.sql.Timestamp;
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

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ProfileRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Profile> find(String memberId) {
        return jdbc.query("SELECT member_id, headline, summary, location, positions, education, skills, private_fields, "
                + "updated_at FROM network_profile WHERE member_id = ?", (rs, n) -> new Profile(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                json.readValue(rs.getString(5), new TypeReference<List<Profile.Position>>() { }),
                json.readValue(rs.getString(6), new TypeReference<List<Profile.Education>>() { }),
                json.readValue(rs.getString(7), new TypeReference<List<String>>() { }),
                rs.getString(8).isEmpty() ? java.util.Set.of() : new TreeSet<>(Arrays.asList(rs.getString(8).split(" "))),
                rs.getTimestamp(9).toInstant()), memberId).stream().findFirst();
    }

    /** Inserts or replaces the whole profile. */
    void save(Profile profile) {
        Object[] values = {profile.headline(), profile.summary(), profile.location(), json.writeValueAsString(profile.positions()),
                json.writeValueAsString(profile.education()), json.writeValueAsString(profile.skills()),
                profile.privateFields().stream().sorted().collect(Collectors.joining(" ")), Timestamp.from(profile.updatedAt()),
                profile.memberId()};
        int updated = jdbc.update("UPDATE network_profile SET headline = ?, summary = ?, location = ?, positions = ?, "
                + "education = ?, skills = ?, private_fields = ?, updated_at = ? WHERE member_id = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO network_profile (headline, summary, location, positions, education, skills, "
                    + "private_fields, updated_at, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }
}
