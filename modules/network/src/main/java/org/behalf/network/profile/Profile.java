package org.behalf.network.profile;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.behalf.kernel.OnlyFromToken;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.relational.core.mapping.Table;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A member's profile as stored, the aggregate of {@code network_profile}; handle and display name
 * live with the member's identity. The lists are one column each, always read and written whole
 * with the profile ({@link ProfileColumns}).
 */
@Table("network_profile")
record Profile(@Id String memberId, String headline, String summary, String location, Positions positions,
               EducationList education, Skills skills, PrivateFields privateFields, Instant updatedAt) {

    /** Fields a member may hide from the public profile. */
    static final Set<String> HIDEABLE = Set.of("summary", "location", "positions", "education", "skills");

    /** What Spring Data JDBC reads a row with. */
    @PersistenceCreator
    Profile {
    }

    Profile(String memberId, String headline, String summary, String location, List<Position> positions,
            List<Education> education, List<String> skills, Set<String> privateFields, Instant updatedAt) {
        this(memberId, headline, summary, location, new Positions(positions), new EducationList(education), new Skills(skills),
                new PrivateFields(privateFields), updatedAt);
    }

    static Profile empty(String memberId, Instant now) {
        return new Profile(memberId, "", "", "", List.of(), List.of(), List.of(), Set.of(), now);
    }

    /** {@code start} and {@code end} are year-months ({@code 2024-03}); no end means current. */
    record Position(String title, @Nullable String company, @Nullable String start, @Nullable String end, @Nullable String description) {
    }

    /** The years are JSON whole numbers: {@code "2001"} was stored as 2001 (black-box finding 10, 2026-12-07). */
    record Education(String school, @Nullable String degree, @Nullable String field,
                     @JsonDeserialize(using = OnlyFromToken.WholeNumber.class) @Nullable Integer startYear,
                     @JsonDeserialize(using = OnlyFromToken.WholeNumber.class) @Nullable Integer endYear) {
    }

    /** The column {@code positions}: JSON. */
    record Positions(List<Position> items) {
        Positions {
            items = List.copyOf(items);
        }
    }

    /** The column {@code education}: JSON. */
    record EducationList(List<Education> items) {
        EducationList {
            items = List.copyOf(items);
        }
    }

    /** The column {@code skills}: JSON. */
    record Skills(List<String> items) {
        Skills {
            items = List.copyOf(items);
        }
    }

    /** The column {@code private_fields}: the names, sorted, separated by spaces. */
    record PrivateFields(Set<String> names) {
        PrivateFields {
            names = Set.copyOf(names);
        }
    }
}
