package org.behalf.network.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Collections;
import java.util.List;

import org.behalf.kernel.InvalidRequest;
import org.junit.jupiter.api.Test;

/**
 * The bounds of a profile edit: each refusal is a 400 naming the field at fault (down to the list
 * entry) in plain words, and what passes comes back stripped. The edit through HTTP, where a refused
 * edit changes nothing, is the server's {@code NetworkTest.profileEditsAreValidatedFieldByFieldAndBadInputChangesNothing}.
 */
class ProfileRulesTest {

    @Test
    void aPositionIsStrippedAndItsDatesNormalised() {
        List<Profile.Position> checked = ProfileRules.positions(List.of(
                new Profile.Position("  Developer ", " Acme ", " 2020-01", "2021-06 ", null)));

        assertThat(checked).containsExactly(new Profile.Position("Developer", "Acme", "2020-01", "2021-06", null));
    }

    @Test
    void aPositionNeedsATitleAndAPlausibleStartBeforeItsEnd() {
        refused(() -> ProfileRules.positions(List.of(new Profile.Position(" ", "Acme", "2020-01", null, null))),
                "positions[0].title", "A position needs a title.");
        refused(() -> ProfileRules.positions(List.of(ok(), new Profile.Position("Dev", null, "2021-13", null, null))),
                "positions[1].start", "A year and month such as 2024-03.");
        refused(() -> ProfileRules.positions(List.of(new Profile.Position("Dev", null, null, null, null))),
                "positions[0].start", "A year and month such as 2024-03 is required.");
        refused(() -> ProfileRules.positions(List.of(new Profile.Position("Dev", null, "1850-01", null, null))),
                "positions[0].start", "Not a plausible date.");
        refused(() -> ProfileRules.positions(List.of(new Profile.Position("Dev", null, "2020-05", "2020-04", null))),
                "positions[0].end", "The end comes before the start.");
        refused(() -> ProfileRules.positions(List.of(new Profile.Position("Dev", null, YearMonth.now().plusYears(2).toString(), null, null))),
                "positions[0].start", "The start is too far in the future.");
        refused(() -> ProfileRules.positions(Collections.nCopies(ProfileRules.POSITIONS + 1, ok())), "positions", "At most 50 positions.");
    }

    @Test
    void anEducationEntryNeedsASchoolAndPlausibleYearsInOrder() {
        refused(() -> ProfileRules.education(List.of(new Profile.Education(null, "BSc", null, 2010, 2014))),
                "education[0].school", "An education entry needs a school.");
        refused(() -> ProfileRules.education(List.of(new Profile.Education("Uni", null, null, 1800, null))),
                "education[0].startYear", "Not a plausible year.");
        refused(() -> ProfileRules.education(List.of(new Profile.Education("Uni", null, null, 2014, 2010))),
                "education[0].endYear", "The end comes before the start.");
        refused(() -> ProfileRules.education(Collections.nCopies(ProfileRules.EDUCATION + 1, new Profile.Education("Uni", null, null, null, null))),
                "education", "At most 20 entries.");
    }

    @Test
    void aSkillIsListedOnceWhateverItsCaseAndNeverEmpty() {
        assertThat(ProfileRules.skills(List.of(" Java ", "SQL"))).containsExactly("Java", "SQL");
        refused(() -> ProfileRules.skills(List.of("Java", "java")), "skills[1]", "Listed twice: java");
        refused(() -> ProfileRules.skills(List.of("Java", "  ")), "skills[1]", "A skill cannot be empty.");
        refused(() -> ProfileRules.skills(Collections.nCopies(ProfileRules.SKILLS + 1, "x")), "skills", "At most 50 skills.");
    }

    @Test
    void textIsBoundedAndFreeOfControlCharacters() {
        assertThat(ProfileRules.text("summary", "line one\r\nline two ", ProfileRules.SUMMARY)).isEqualTo("line one\nline two");
        refused(() -> ProfileRules.text("headline", "x".repeat(ProfileRules.HEADLINE + 1), ProfileRules.HEADLINE),
                "headline", "At most 220 characters.");
        refused(() -> ProfileRules.text("location", "Lima\u0007", ProfileRules.LOCATION), "location", "Control characters are not allowed.");
    }

    @Test
    void onlyTheHideableFieldsCanBePrivate() {
        assertThat(ProfileRules.privateFields(List.of("location", "skills"))).containsExactlyInAnyOrder("location", "skills");
        refused(() -> ProfileRules.privateFields(List.of("headline")), "privateFields",
                "Only these fields can be private: education, location, positions, skills, summary.");
    }

    @Test
    void anAbsentListLeavesTheProfileAsItWas() {
        assertThat(ProfileRules.positions(null)).isNull();
        assertThat(ProfileRules.education(null)).isNull();
        assertThat(ProfileRules.skills(null)).isNull();
        assertThat(ProfileRules.privateFields(null)).isNull();
    }

    private static Profile.Position ok() {
        return new Profile.Position("Dev", null, "2020-01", null, null);
    }

    private static void refused(Runnable edit, String field, String detail) {
        assertThatThrownBy(edit::run).isInstanceOfSatisfying(InvalidRequest.class, refusal -> {
            assertThat(refusal.getStatusCode().value()).isEqualTo(400);
            assertThat(refusal.getBody().getProperties()).containsEntry("field", field);
            assertThat(refusal.getBody().getDetail()).isEqualTo(detail);
        });
    }
}
