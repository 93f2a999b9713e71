package org.behalf.console.session;

/**
 * Where the console may send a browser after sign-in: one of its own pages, never another site
 * (SECURITY-CASES 23, open redirects).
 */
public final class SafeTarget {

    private static final String HOME = "/console";

    private SafeTarget() {
    }

    public static String of(String requested) {
        if (requested == null || !requested.startsWith(HOME) || requested.contains("//") || requested.contains("\\")
                || requested.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return HOME;
        }
        String rest = requested.substring(HOME.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?") ? requested : HOME;
    }
}
