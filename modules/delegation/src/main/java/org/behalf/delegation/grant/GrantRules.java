package org.behalf.delegation.grant;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.IpRange;
import org.behalf.delegation.api.PlainWords;
import org.behalf.delegation.api.Scope;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;

/**
 * What a grant request may say, read into a grant's values: the helper, the scopes and what depends
 * on them (review, quotas), the window and its time zone, address ranges, expiry, note and terms. A
 * violation is a 400 naming its field in plain words (DESIGN.md section 6), before anything changes.
 * The lifecycle that uses these values is {@link GrantService}.
 */
final class GrantRules {

    static final int MAX_NOTE = 1000;
    static final int MAX_TERMS = 10_000;
    static final int MAX_QUOTA = 100_000;
    static final int MAX_IP_RANGES = 20;
    static final int MAX_DELEGATE = 320;
    private static final Pattern HOUR_AND_MINUTE = Pattern.compile("[0-9]{2}:[0-9]{2}");

    private GrantRules() {
    }

    /**
     * The helper, named by handle or e-mail, stripped, and a handle without the "@" people write
     * before it (as the console shows handles): "@rita" was stored as such and found nobody, while the
     * holder was told the offer went out (black-box testing, 2026-12-06).
     */
    static String delegate(String delegate) {
        if (delegate == null || delegate.isBlank()) {
            throw new InvalidRequest("delegate", "Name the helper by handle or e-mail.");
        }
        if (TextField.length(delegate) > MAX_DELEGATE) {
            throw new InvalidRequest("delegate", "A handle or e-mail has at most " + MAX_DELEGATE + " characters.");
        }
        String named = delegate.strip();
        return named.startsWith("@") ? named.substring(1).strip() : named;
    }

    /** The holder's note; an empty one is none, so that clearing a note that was never written changes nothing. */
    static String note(String note) {
        String checked = TextField.check("note", note, MAX_NOTE);
        return checked == null || checked.isEmpty() ? null : checked;
    }

    /** A window's hours are the holder's: a silent UTC would shift them by the holder's offset. */
    static void zoneNamedFor(GrantRequest request) {
        if (!removesHours(request.window()) && (request.timeZone() == null || request.timeZone().isEmpty())) {
            throw new InvalidRequest("timeZone", "Name the time zone the window's hours are in (IANA, e.g. Europe/Paris).");
        }
    }

    /** A change keeps the helper and the terms they accepted. */
    static void keepsHelperAndTerms(GrantRequest request) {
        if (request.delegate() != null || request.terms() != null) {
            throw new InvalidRequest(request.delegate() != null ? "delegate" : "terms",
                    "The helper and the terms of a grant cannot change; create a new grant.");
        }
    }

    /** Scopes only ever narrow: widening would give the delegate what they never accepted. */
    static Set<String> narrowed(Set<String> granted, List<String> requested) {
        Set<String> scopes = scopes(requested);
        if (!granted.containsAll(scopes)) {
            Set<String> wider = new TreeSet<>(scopes);
            wider.removeAll(granted);
            // In the catalog's words, as the holder reads it on the grant's page (black-box finding 4, 2026-12-07: "profile:write").
            throw new InvalidRequest("scopes", "A grant can only be narrowed; not in this grant: "
                    + PlainWords.and(wider.stream().map(Scope::quoted).toList()) + ". Create a new grant to give more.");
        }
        return scopes;
    }

    /** Scopes of a grant: known, and delegable to a person (DESIGN.md section 4). */
    static Set<String> scopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequest("scopes", "Name at least one permission.");
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> never = new TreeSet<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (String value : requested) {
            Scope scope = value == null ? null : Scope.of(value).orElse(null);
            if (scope == null) {
                unknown.add(String.valueOf(value));
            } else if (!scope.delegable()) {
                never.add(value);
            } else {
                scopes.add(value);
            }
        }
        if (!never.isEmpty()) {
            throw new InvalidRequest("scopes", "Never delegable to a person: " + String.join(", ", never)
                    + ". " + Scope.of(never.iterator().next()).map(Scope::whyNotDelegable).orElse(""));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("scopes", "Unknown permission: " + String.join(", ", unknown) + ". See GET /api/v1/scopes.");
        }
        return scopes;
    }

    static Set<String> review(List<String> review, Set<String> scopes) {
        if (review == null) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>(review);
        if (!scopes.containsAll(result)) {
            throw new InvalidRequest("review", "Only permissions in the grant can be marked for review.");
        }
        // Only changes are ever held: review of a scope that only reads would promise a check that never happens.
        List<String> reads = result.stream().filter(scope -> !Scope.of(scope).map(Scope::writes).orElse(true)).sorted().toList();
        if (!reads.isEmpty()) {
            throw new InvalidRequest("review", "Only permissions that change something can be marked for review; "
                    + PlainWords.and(reads.stream().map(Scope::quoted).toList()) + " only "
                    + (reads.size() == 1 ? "reads" : "read") + ", and reading is never held for review.");
        }
        return result;
    }

    static Map<String, Integer> quotas(Map<String, Integer> quotas, Set<String> scopes) {
        if (quotas == null) {
            return Map.of();
        }
        for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
            // The field is the quota's own entry, as a wrong type in it is named ("quotas.profile:read"): a form
            // puts the words next to that permission's limit (black-box finding, 2026-12-07: only on top of the page).
            String field = "quotas." + quota.getKey();
            if (!scopes.contains(quota.getKey())) {
                throw new InvalidRequest(field, "A quota needs a permission of the grant: " + quota.getKey());
            }
            if (quota.getValue() == null || quota.getValue() < 1 || quota.getValue() > MAX_QUOTA) {
                // Says which permission, in its words, not the API's name (black-box testing, 2026-12-06).
                throw new InvalidRequest(field, "The daily limit for " + Scope.quoted(quota.getKey()) + " is a whole number of actions a day, "
                        + "from 1 to " + String.format(Locale.ENGLISH, "%,d", MAX_QUOTA) + ".");
            }
        }
        return Map.copyOf(quotas);
    }

    /**
     * Whether the window asked for is none: left out, {@code null} or {@code {}} (docs/delegation.md:
     * an empty object clears a field; {@code {}} was refused as a window without days, black-box
     * finding, 2026-12-07).
     */
    static boolean removesHours(GrantRequest.WindowRequest window) {
        return window == null || GrantRequest.WindowRequest.NONE.equals(window);
    }

    /** The window asked for; none for none, {@code null} or {@code {}}. */
    static AccessWindow window(GrantRequest.WindowRequest window) {
        if (removesHours(window)) {
            return null;
        }
        try {
            Set<DayOfWeek> days = new java.util.HashSet<>();
            for (String day : Objects.requireNonNullElse(window.days(), List.<String>of())) {
                days.add(DayOfWeek.valueOf(dayName(day)));
            }
            return new AccessWindow(days, hourAndMinute(window.start()), hourAndMinute(window.end()));
        } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
            // Not led by the field's name: the console puts its label before every refusal ("Days and hours: Days and
            // hours: at least one day", black-box finding, 2026-12-07).
            throw new InvalidRequest("window", "Give at least one day (Monday to Sunday) and a start and end time "
                    + "such as 09:00 and 17:30, the end after the start.");
        }
    }

    /**
     * A time of day to the minute, as the window is shown and stored: a time with seconds
     * ("23:59:59") was taken and then failed to fit the column, a 500 (black-box testing, 2026-12-06).
     */
    private static LocalTime hourAndMinute(String time) {
        if (time == null || !HOUR_AND_MINUTE.matcher(time).matches()) {
            throw new IllegalArgumentException("not HH:MM: " + time);
        }
        return LocalTime.parse(time);
    }

    static String dayName(String day) {
        String upper = day.toUpperCase(Locale.ROOT);
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (candidate.name().startsWith(upper) && upper.length() >= 3) {
                return candidate.name();
            }
        }
        throw new IllegalArgumentException(day);
    }

    /**
     * A time zone by its name in the IANA time zone database (Europe/Paris, or UTC, what a grant
     * without one is in); none, or empty text, is UTC. A fixed offset ("+05:30", "UTC+5") is no
     * such name, follows no summer time, and was stored and rewritten ("UTC+05:00") although the
     * docs and this refusal ask for an IANA name (black-box finding, 2026-12-07).
     */
    static ZoneId zone(String zone) {
        if (zone == null || zone.isEmpty()) {
            return ZoneId.of("UTC");
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidRequest("timeZone", "Not a time zone: use an IANA name such as Europe/Paris, or UTC; "
                    + "an offset such as +05:30 is not one.");
        }
        return ZoneId.of(zone);
    }

    static List<IpRange> ipRanges(List<String> ranges) {
        if (ranges == null) {
            return List.of();
        }
        if (ranges.size() > MAX_IP_RANGES) {
            throw new InvalidRequest("ipRanges", "At most " + MAX_IP_RANGES + " address ranges.");
        }
        try {
            return ranges.stream().map(IpRange::parse).distinct().toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest("ipRanges", "Address ranges are addresses such as 203.0.113.7 or 2001:db8::7, or blocks of "
                    + "them such as 203.0.113.0/24: four numbers from 0 to 255, without leading zeros, and a prefix length.");
        }
    }

    /** The grant's end: in the future and within the longest lifetime allowed, else {@code fallback} when none is asked. */
    static Instant expiry(Instant requested, Instant now, Instant fallback, Duration maxLifetime) {
        if (requested == null) {
            return fallback;
        }
        if (!requested.isAfter(now)) {
            throw new InvalidRequest("expiresAt", "The expiry must be in the future.");
        }
        if (requested.isAfter(now.plus(maxLifetime))) {
            throw new InvalidRequest("expiresAt", "A grant lasts at most " + maxLifetime.toDays() + " days.");
        }
        return requested.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Review marks and quotas of a scope the grant no longer has go with the scope. */
    static <T> Set<T> retain(Set<T> values, Set<String> scopes) {
        Set<T> kept = new LinkedHashSet<>(values);
        kept.retainAll(scopes);
        return kept;
    }

    static Map<String, Integer> retain(Map<String, Integer> quotas, Set<String> scopes) {
        Map<String, Integer> kept = new java.util.HashMap<>(quotas);
        kept.keySet().retainAll(scopes);
        return kept;
    }
}
