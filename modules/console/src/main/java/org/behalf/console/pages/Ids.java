package org.behalf.console.pages;

import java.util.regex.Pattern;

import org.behalf.console.calls.Refusal;

/**
 * Identifiers from a form or a path go into API paths only if they look like our opaque ids
 * (letters, digits, {@code _} and {@code -}), so that no one can steer a call to another path.
 */
final class Ids {

    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,62}[A-Za-z0-9]");

    private Ids() {
    }

    /**
     * A handle as an API path segment, or null when it cannot be one: letters, digits, dots, dashes
     * and underscores, starting and ending with a letter or digit (the handle rule), so never a dot
     * segment or a slash.
     */
    static String handle(String handle) {
        return handle != null && HANDLE.matcher(handle).matches() ? handle : null;
    }

    static String path(String id) {
        if (id == null || !OPAQUE.matcher(id).matches()) {
            throw new Refusal(400, "Not a valid identifier.");
        }
        return id;
    }
}
