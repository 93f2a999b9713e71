package org.behalf.console.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The dates a grant form's end-date picker offers: a grant ends at 23:59 of its end date in the
 * grant's time zone ({@link HelpersPage}), and the API takes an end that is still ahead and at most
 * {@code behalf.delegation.max-lifetime} away. The picker offered any later date and began on the
 * server's UTC day, so a holder could pick a date that was then refused: the same day next year,
 * or "today" where it was already tomorrow (black-box finding 11, 2026-12-07). Its earliest day is
 * the later of today in the grant's zone and today on the holder's own clock (the browser's zone,
 * {@link When#viewer()}), the day they think of as today; its latest is the last day whose end the
 * API still takes.
 */
@Component
class EndDates {

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

    private final Clock clock;
    private final Duration longest;
    private final Duration usual;

    EndDates(Clock clock, @Value("${behalf.delegation.max-lifetime:365d}") Duration longest,
             @Value("${behalf.delegation.default-lifetime:30d}") Duration usual) {
        this.clock = clock;
        this.longest = longest;
        this.usual = usual;
    }

    /** The picker's {@code min}, {@code max} and the date a new grant's form starts with, as ISO dates. */
    record Bounds(String earliest, String latest, String suggested) {
    }

    /** The bounds for a grant counted in {@code grantZone} (a zone name; UTC if blank or unknown). */
    Bounds in(String grantZone) {
        ZoneId zone = zone(grantZone);
        Instant now = clock.instant();
        LocalDate earliest = later(LocalDate.ofInstant(now, zone), LocalDate.ofInstant(now, When.viewer()));
        if (!endOf(earliest, zone).isAfter(now)) {
            earliest = earliest.plusDays(1);
        }
        Instant last = now.plus(longest);
        LocalDate latest = LocalDate.ofInstant(last, zone);
        if (endOf(latest, zone).isAfter(last)) {
            latest = latest.minusDays(1);
        }
        LocalDate suggested = later(earliest, LocalDate.ofInstant(now.plus(usual), zone));
        if (suggested.isAfter(latest)) {
            suggested = latest;
        }
        return new Bounds(earliest.toString(), latest.toString(), suggested.toString());
    }

    private static Instant endOf(LocalDate day, ZoneId zone) {
        return day.atTime(END_OF_DAY).atZone(zone).toInstant();
    }

    private static LocalDate later(LocalDate one, LocalDate other) {
        return one.isAfter(other) ? one : other;
    }

    private static ZoneId zone(String name) {
        try {
            return name == null || name.isBlank() ? ZoneOffset.UTC : ZoneId.of(name.strip());
        } catch (RuntimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }
}
