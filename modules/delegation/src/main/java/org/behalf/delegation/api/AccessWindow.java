package org.behalf.delegation.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Office hours for a grant, in the holder's time zone: the days, and a start and end time
 * ({@code end} after {@code start}; a window over midnight is two grants' worth of trouble and is refused).
 */
public record AccessWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    private static final LocalTime LAST_MINUTE = LocalTime.of(23, 59);

    public AccessWindow {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("window.days must name at least one day");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window.end must be after window.start");
        }
    }

    /** The window as people read it: "Monday, Tuesday and Friday, 09:00–17:30", or "every day, 09:00–17:30". */
    public String words() {
        String which = days.size() == 7 ? "every day" : PlainWords.and(new java.util.TreeSet<>(days).stream()
                .map(day -> day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)).toList());
        return which + ", " + start + "–" + end;
    }

    /**
     * Whether the instant falls in the window: from {@code start} up to {@code end}, but for an end
     * of 23:59, the latest a time field says (hours and minutes, no 24:00), which runs to midnight:
     * a holder who allows "00:00–23:59" means the whole day, its last minute included (the console
     * fills a blank end with 23:59 for the same reason).
     */
    public boolean contains(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && (time.isBefore(end) || end.equals(LAST_MINUTE));
    }

    /**
     * Whether every moment this window allows, {@code other} allows too (both in one time zone): its
     * days are among the other's and its hours inside the other's. A window that is only narrower
     * gives a helper nothing new (docs/oauth.md: only a change that loosens the hours needs a code).
     */
    public boolean within(AccessWindow other) {
        return other.days.containsAll(days) && !start.isBefore(other.start) && !end.isAfter(other.end);
    }
}
