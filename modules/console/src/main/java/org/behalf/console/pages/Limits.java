package org.behalf.console.pages;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Every limit of a grant in plain words, the same for both sides (issue 18, "every limit visible to
 * both sides"): the offer the helper accepts, the acting banner, the holder's grant page and the
 * refusals all draw these lines from the grant as the API answers it.
 *
 * @param permissions one line per permission, with review and the daily quota
 * @param when        days and hours in the grant's time zone, or "any day, any time"
 * @param where       the IP ranges, or "from anywhere"
 * @param never       what no grant ever allows a person, with the reason
 */
public record Limits(List<String> permissions, String when, String where, List<String> never) {

    static Limits of(JsonNode grant, List<Catalog.ScopeInfo> catalog) {
        Map<String, String> words = new java.util.HashMap<>();
        catalog.forEach(scope -> words.put(scope.name(), scope.description()));
        List<String> permissions = new ArrayList<>();
        List<String> review = grant.path("review").valueStream().map(JsonNode::asString).toList();
        for (JsonNode scope : grant.path("scopes")) {
            String name = scope.asString();
            StringBuilder line = new StringBuilder(words.getOrDefault(name, name));
            if (review.contains(name)) {
                line.append(" — each change waits for the holder's review");
            }
            JsonNode quota = grant.path("quotas").path(name);
            if (!quota.isMissingNode() && !quota.isNull()) {
                line.append(" — ").append(perDay(quota.asInt()));
            }
            permissions.add(line.toString());
        }
        String zone = grant.path("timeZone").asString("UTC");
        JsonNode window = grant.path("window");
        String when = window.isMissingNode() || window.isNull() ? "Any day, any time (" + zone + ")"
                : days(window.path("days")) + ", " + window.path("start").asString() + "–" + window.path("end").asString()
                + " " + zone + " time";
        List<String> ranges = grant.path("ipRanges").valueStream().map(JsonNode::asString).toList();
        String where = ranges.isEmpty() ? "From any address" : "Only from " + String.join(", ", ranges);
        List<String> never = catalog.stream().filter(scope -> !scope.delegable())
                .map(scope -> scope.description() + (scope.whyNot() == null ? "" : " (" + scope.whyNot() + ")")).toList();
        return new Limits(permissions, when, where, never);
    }

    /** A daily quota as every page says it: "at most 5 a day". */
    static String perDay(int quota) {
        return "at most " + quota + " a day";
    }

    /**
     * A grant's daily quotas ({@code {"profile:read": 5}}) in one line, each permission in the
     * catalog's {@code words}: "Read your full profile: at most 5 a day", or "(none)".
     */
    static String quotas(JsonNode quotas, Map<String, String> words) {
        List<String> lines = new ArrayList<>();
        quotas.properties().forEach(quota -> lines.add(words.getOrDefault(quota.getKey(), quota.getKey()) + ": " + perDay(quota.getValue().asInt())));
        return lines.isEmpty() ? "(none)" : String.join("; ", lines);
    }

    private static String days(JsonNode days) {
        List<DayOfWeek> list = days.valueStream().map(day -> DayOfWeek.valueOf(day.asString())).sorted().toList();
        if (list.size() == 7) {
            return "Every day";
        }
        if (list.equals(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY))) {
            return "Monday to Friday";
        }
        return String.join(", ", list.stream().map(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList());
    }
}
