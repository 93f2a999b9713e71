package org.behalf.network.profile;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;

/** The bounds of a profile: lengths, counts and dates; a violation names its field. */
final class ProfileRules {

    static final int HEADLINE = 220;
    static final int SUMMARY = 2600;
    static final int LOCATION = 100;
    static final int POSITIONS = 50;
    static final int EDUCATION = 20;
    static final int SKILLS = 50;
    static final int SHORT_TEXT = 100;
    static final int SKILL = 80;
    static final int DESCRIPTION = 2000;

    private ProfileRules() {
    }

    /**
     * The change as the endpoint takes it, each field checked and in its normal form; the rules read nothing
     * stored, so a held change is checked by them before it is held ({@link ProfileHeldRules}). A change that
     * sets nothing ({@code {}}, only nulls) is refused: an absent or null field is left as it is.
     */
    static ProfileChange check(ProfileChange change) {
        Set<String> hidden = privateFields(change.privateFields());
        ProfileChange checked = new ProfileChange(text("headline", change.headline(), HEADLINE),
                text("summary", change.summary(), SUMMARY), text("location", change.location(), LOCATION),
                positions(change.positions()), education(change.education()), skills(change.skills()),
                hidden == null ? null : List.copyOf(new java.util.TreeSet<>(hidden)));
        if (checked.equals(new ProfileChange(null, null, null, null, null, null, null))) {
            throw InvalidRequest.setsNothing();
        }
        return checked;
    }

    static String text(String field, String value, int max) {
        return TextField.check(field, value, max);
    }

    static List<Profile.Position> positions(List<Profile.Position> positions) {
        if (positions == null) {
            return null;
        }
        if (positions.size() > POSITIONS) {
            throw new InvalidRequest("positions", "At most " + POSITIONS + " positions.");
        }
        return java.util.stream.IntStream.range(0, positions.size()).mapToObj(i -> {
            Profile.Position p = positions.get(i);
            String at = "positions[" + i + "]";
            if (p == null || p.title() == null || p.title().isBlank()) {
                throw new InvalidRequest(at + ".title", "A position needs a title.");
            }
            YearMonth start = month(at + ".start", p.start(), true);
            YearMonth end = month(at + ".end", p.end(), false);
            if (end != null && end.isBefore(start)) {
                throw new InvalidRequest(at + ".end", "The end comes before the start.");
            }
            if (start.isAfter(YearMonth.now().plusYears(1))) {
                throw new InvalidRequest(at + ".start", "The start is too far in the future.");
            }
            return new Profile.Position(text(at + ".title", p.title(), SHORT_TEXT), text(at + ".company", p.company(), SHORT_TEXT),
                    start.toString(), end == null ? null : end.toString(), text(at + ".description", p.description(), DESCRIPTION));
        }).toList();
    }

    static List<Profile.Education> education(List<Profile.Education> education) {
        if (education == null) {
            return null;
        }
        if (education.size() > EDUCATION) {
            throw new InvalidRequest("education", "At most " + EDUCATION + " entries.");
        }
        return java.util.stream.IntStream.range(0, education.size()).mapToObj(i -> {
            Profile.Education e = education.get(i);
            String at = "education[" + i + "]";
            if (e == null || e.school() == null || e.school().isBlank()) {
                throw new InvalidRequest(at + ".school", "An education entry needs a school.");
            }
            year(at + ".startYear", e.startYear());
            year(at + ".endYear", e.endYear());
            if (e.startYear() != null && e.endYear() != null && e.endYear() < e.startYear()) {
                throw new InvalidRequest(at + ".endYear", "The end comes before the start.");
            }
            return new Profile.Education(text(at + ".school", e.school(), SHORT_TEXT), text(at + ".degree", e.degree(), SHORT_TEXT),
                    text(at + ".field", e.field(), SHORT_TEXT), e.startYear(), e.endYear());
        }).toList();
    }

    static List<String> skills(List<String> skills) {
        if (skills == null) {
            return null;
        }
        if (skills.size() > SKILLS) {
            throw new InvalidRequest("skills", "At most " + SKILLS + " skills.");
        }
        Set<String> seen = new HashSet<>();
        return java.util.stream.IntStream.range(0, skills.size()).mapToObj(i -> {
            String skill = text("skills[" + i + "]", skills.get(i), SKILL);
            if (skill == null || skill.isEmpty()) {
                throw new InvalidRequest("skills[" + i + "]", "A skill cannot be empty.");
            }
            if (!seen.add(skill.toLowerCase(Locale.ROOT))) {
                throw new InvalidRequest("skills[" + i + "]", "Listed twice: " + skill);
            }
            return skill;
        }).toList();
    }

    static Set<String> privateFields(List<String> fields) {
        if (fields == null) {
            return null;
        }
        for (String field : fields) {
            if (!Profile.HIDEABLE.contains(field)) {
                throw new InvalidRequest("privateFields", "Only these fields can be private: "
                        + String.join(", ", new java.util.TreeSet<>(Profile.HIDEABLE)) + ".");
            }
        }
        return Set.copyOf(fields);
    }

    private static YearMonth month(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidRequest(field, "A year and month such as 2024-03 is required.");
            }
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(value.strip());
            if (month.getYear() < 1900) {
                throw new InvalidRequest(field, "Not a plausible date.");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "A year and month such as 2024-03.");
        }
    }

    private static void year(String field, Integer year) {
        if (year != null && (year < 1900 || year > YearMonth.now().getYear() + 10)) {
            throw new InvalidRequest(field, "Not a plausible year.");
        }
    }
}
