package org.behalf.console.calls;

import java.util.Map;

/**
 * The API's field names as the console's forms call them. A refusal names the field at fault
 * (RFC 9457 extension member {@code field}); people read the form's label, never {@code timeZone}
 * or {@code skills[2]} (issue 18, "field names and API words never shown to people").
 */
public final class FieldNames {

    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("delegate", "Helper"), Map.entry("scopes", "Permissions"), Map.entry("review", "Review"),
            Map.entry("quotas", "Daily limits"), Map.entry("window", "Days and hours"), Map.entry("timeZone", "Time zone"),
            Map.entry("ipRanges", "IP ranges"), Map.entry("expiresAt", "End date"), Map.entry("otp", "One-time code"),
            Map.entry("code", "One-time code"), Map.entry("note", "Note"), Map.entry("terms", "Terms"),
            Map.entry("name", "Name"), Map.entry("redirectUris", "Redirect addresses"), Map.entry("grantTypes", "Grant types"),
            Map.entry("headline", "Headline"), Map.entry("summary", "Summary"), Map.entry("location", "Location"),
            Map.entry("skills", "Skills"), Map.entry("handle", "Handle"), Map.entry("email", "E-mail"),
            Map.entry("displayName", "Name"), Map.entry("password", "Password"), Map.entry("currentPassword", "Current password"),
            Map.entry("newPassword", "New password"), Map.entry("to", "Member"), Map.entry("message", "Note"),
            Map.entry("q", "Search"), Map.entry("body", "Message"));

    private FieldNames() {
    }

    /** The field's plain name ({@code skills[2]} and {@code quotas.profile:read} are "Skills" and "Daily limits"), or null where there is none to say. */
    public static String plain(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return PLAIN.get(base(field));
    }

    /**
     * The form field a refusal belongs to: the API's name without an index or a member
     * ({@code skills[2]} is skills, {@code window.start} is window).
     */
    public static String base(String field) {
        if (field == null) {
            return null;
        }
        int index = field.replace('.', '[').indexOf('[');
        return index < 0 ? field : field.substring(0, index);
    }
}
