package org.behalf.console.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times on pages, as {@code ${@when.text(...)}}: minutes, UTC, said so; and, where it matters,
 * relative ("in 14 days") and in a grant's own time zone. The console has no JavaScript, so it does
 * not know the viewer's zone: a time is said in UTC and in the grant's zone, which is the one its
 * hours are counted in.
 */
@Component("when")
class When {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IN_ZONE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");

    private final Clock clock;

    When(Clock clock) {
        this.clock = clock;
    }

    /** An {@link Instant} or an ISO-8601 instant as the API writes it; blank for none. */
    public String text(Object time) {
        Instant instant = instant(time);
        if (instant == null) {
            return time == null || "null".equals(String.valueOf(time)) ? "" : String.valueOf(time);
        }
        return SHOWN.format(instant);
    }

    /** "in 14 days", "in 3 hours", "2 days ago"; blank for none. */
    public String relative(Object time) {
        Instant instant = instant(time);
        if (instant == null) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), instant);
        boolean past = left.isNegative();
        Duration span = left.abs();
        String amount;
        if (span.toDays() >= 2) {
            amount = span.toDays() + " days";
        } else if (span.toHours() >= 2) {
            amount = span.toHours() + " hours";
        } else if (span.toMinutes() >= 2) {
            amount = span.toMinutes() + " minutes";
        } else {
            return past ? "just now" : "in a moment";
        }
        return past ? amount + " ago" : "in " + amount;
    }

    /** The time on a grant's clock: "Fri 18 Dec 2026, 23:59 (Europe/Lisbon)"; UTC's text if the zone is unknown. */
    public String inZone(Object time, String zone) {
        Instant instant = instant(time);
        if (instant == null) {
            return "";
        }
        try {
            ZoneId id = ZoneId.of(zone);
            return IN_ZONE.format(instant.atZone(id)) + " (" + id.getId() + ")";
        } catch (RuntimeException unknownZone) {
            return text(instant);
        }
    }

    private static Instant instant(Object time) {
        if (time instanceof Instant instant) {
            return instant;
        }
        if (time == null) {
            return null;
        }
        String iso = time.toString();
        if (iso.isBlank() || "null".equals(iso)) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (RuntimeException notATime) {
            return null;
        }
    }
}
