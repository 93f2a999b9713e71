package org.behalf.network.profile;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A member's profile as stored; handle and display name live with the member's identity. */
record Profile(String memberId, String headline, String summary, String location, List<Position> positions,
               List<Education> education, List<String> skills, Set<String> privateFields, Instant updatedAt) {

    /** Fields a member may hide from the public profile. */
    static final Set<String> HIDEABLE = Set.of("summary", "location", "positions", "education", "skills");

    Profile {
        positions = List.copyOf(positions);
        education = List.copyOf(education);
        skills = List.copyOf(skills);
        privateFields = Set.copyOf(privateFields);
    }

    static Profile empty(String memberId, Instant now) {
        return new Profile(memberId, "", "", "", List.of(), List.of(), List.of(), Set.of(), now);
    }

    /** {@code start} and {@code end} are year-months ({@code 2024-03}); no end means current. */
    record Position(String title, String company, String start, String end, String description) {
    }

    record Education(String school, String degree, String field, Integer startYear, Integer endYear) {
    }
}
