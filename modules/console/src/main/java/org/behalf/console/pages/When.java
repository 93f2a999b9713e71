package org.behalf.console.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.Cookie;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Times on pages, as {@code ${@when.text(...)}}: to the minute, in the viewer's time zone and named
 * ("2026-12-04 20:15 Europe/Lisbon"); beside it, relative ("in 14 days", "3 hours ago"); and where
 * a grant's hours count, in the grant's own zone. The viewer's zone is the browser's, which
 * {@code /assets/zone.js} (one line, the console's only other script) puts in the {@value #COOKIE}
 * cookie; without it (the first page, or scripts off) a time is in UTC and says "UTC". The cookie
 * is only ever a zone name from the JDK's list: anything else is ignored.
 */
@Component("when")
class When {

    static final String COOKIE = "tz";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
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
        return SHOWN.format(instant.atZone(viewer())) + " " + zone();
    }

    /** The viewer's zone by name, as times on the page say it: "Europe/Lisbon", or "UTC". */
    public String zone() {
        ZoneId zone = viewer();
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The time and how long ago or ahead: "2026-12-04 20:15 Europe/Lisbon (3 hours ago)"; blank for none. */
    public String told(Object time) {
        String relative = relative(time);
        return relative.isEmpty() ? text(time) : text(time) + " (" + relative + ")";
    }

    /** The viewer's zone, from the browser's cookie; UTC without one. */
    static ZoneId viewer() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getCookies() != null) {
            for (Cookie cookie : attributes.getRequest().getCookies()) {
                if (COOKIE.equals(cookie.getName()) && ZoneId.getAvailableZoneIds().contains(cookie.getValue())) {
                    return ZoneId.of(cookie.getValue());
                }
            }
        }
        return ZoneOffset.UTC;
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
        // To the nearest day or hour: a grant of 30 days offered a minute ago ends "in 30 days", not 29.
        long days = Math.round(span.toMinutes() / 1440.0);
        long hours = Math.round(span.toMinutes() / 60.0);
        String amount;
        if (days >= 2) {
            amount = days + " days";
        } else if (hours >= 2) {
            amount = hours + " hours";
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
