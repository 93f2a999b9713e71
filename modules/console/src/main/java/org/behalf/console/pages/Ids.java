package org.behalf.console.pages;

import java.util.regex.Pattern;

import org.behalf.console.calls.Refusal;

/**
 * Identifiers from a form or a path go into API paths only if they look like our opaque ids
 * (letters, digits, {@code _} and {@code -}), so that no one can steer a call to another path.
 */
final class Ids {

    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private Ids() {
    }

    static String path(String id) {
        if (id == null || !OPAQUE.matcher(id).matches()) {
            throw new Refusal(400, "Not a valid identifier.");
        }
        return id;
    }
}
