package org.behalf.delegation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** A grant's hours as the holder set them in a time field (hours and minutes). */
class AccessWindowTest {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    /** A Friday, in winter (Lisbon on UTC). */
    private static final String FRIDAY = "2026-12-04T";

    @Test
    void hoursEndingAt2359RunToMidnightAndNoFurther() {
        AccessWindow allDay = new AccessWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.MIDNIGHT, LocalTime.of(23, 59));
        assertThat(allDay.contains(Instant.parse(FRIDAY + "23:59:30Z"), LISBON)).isTrue();
        assertThat(allDay.contains(Instant.parse(FRIDAY + "23:59:59.999Z"), LISBON)).isTrue();
        assertThat(allDay.contains(Instant.parse(FRIDAY + "00:00:00Z"), LISBON)).isTrue();
        // Saturday's first instant is Saturday's, which the window does not name.
        assertThat(allDay.contains(Instant.parse("2026-12-05T00:00:00Z"), LISBON)).isFalse();
    }

    @Test
    void anyOtherEndIsTheFirstMomentOutside() {
        AccessWindow office = new AccessWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(office.contains(Instant.parse(FRIDAY + "16:59:59Z"), LISBON)).isTrue();
        assertThat(office.contains(Instant.parse(FRIDAY + "17:00:00Z"), LISBON)).isFalse();
        assertThat(office.contains(Instant.parse(FRIDAY + "08:59:59Z"), LISBON)).isFalse();
        AccessWindow evening = new AccessWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(18, 0), LocalTime.of(23, 58));
        assertThat(evening.contains(Instant.parse(FRIDAY + "23:58:30Z"), LISBON)).isFalse();
    }
}
