package org.behalf.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A target id the caller typed is kept to its beginning (a black-box finding: a megabyte id became a megabyte entry). */
class ActivityNotesTest {

    @Test
    void aLongTargetIdKeepsItsBeginningAndNeverHalfACharacter() {
        assertThat(new ActivityNotes().target("contact", "con_short").target().id()).isEqualTo("con_short");
        String exact = "c".repeat(ActivityNotes.MAX_TARGET_ID);
        assertThat(new ActivityNotes().target("contact", exact).target().id()).isEqualTo(exact);

        String cut = new ActivityNotes().target("contact", "c".repeat(1_000_000)).target().id();
        assertThat(cut).hasSize(ActivityNotes.MAX_TARGET_ID).endsWith("c…");

        // An emoji (two UTF-16 units) across the cut is left out whole, not halved.
        String emoji = "c".repeat(ActivityNotes.MAX_TARGET_ID - 2) + "😀" + "tail";
        String kept = new ActivityNotes().target("contact", emoji).target().id();
        assertThat(kept).isEqualTo("c".repeat(ActivityNotes.MAX_TARGET_ID - 2) + "…");
        assertThat(kept.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
    }
}
