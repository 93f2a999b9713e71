package org.behalf.network;

/**
 * SQL {@code LIKE} patterns for a bound value that must match literally: {@code %} and {@code _}
 * are common in what members type and in e-mail addresses, and unescaped they would match any
 * text (a false hit, SECURITY-CASES 25). The SQL says {@code LIKE ? ESCAPE '!'}.
 */
public final class LikePattern {

    private LikePattern() {
    }

    /** Matches text containing {@code term} as it is; use with {@code ESCAPE '!'}. */
    public static String containing(String term) {
        return "%" + literal(term) + "%";
    }

    /** {@code text} with the pattern characters and the escape character itself escaped by {@code !}. */
    public static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
