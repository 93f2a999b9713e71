package org.behalf.kernel;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's path as a log line may carry it (docs/security.md rule 28: no token in a log line): the
 * route template of the endpoint that answered ({@code /api/v1/contacts/{id}}), as the metrics' {@code uri}
 * label is, never the values in it. A path no endpoint declares keeps its leading short, plain segments
 * and loses the rest ({@code /api/v1/profile/…}): a client that put a token in the path, by mistake or in
 * a pasted address, had it logged whole at DEBUG (black-box finding, 2026-12-07).
 */
public final class LoggedPath {

    /** Longer than any word of our paths; an id, a code or a token is cut. */
    private static final int LONGEST_WORD = 16;
    private static final int MOST_SEGMENTS = 3;
    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, named here as the kernel has no Spring MVC. */
    private static final String ROUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private LoggedPath() {
    }

    public static String of(HttpServletRequest request) {
        Object template = request.getAttribute(ROUTE);
        if (template != null && !template.toString().contains("**")) {
            return template.toString();
        }
        return cut(request.getRequestURI());
    }

    static String cut(String path) {
        StringBuilder kept = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (i > MOST_SEGMENTS || segment.length() > LONGEST_WORD || !segment.matches("[a-z0-9-]*")) {
                return kept + "/…";
            }
            kept.append('/').append(segment);
        }
        return kept.length() == 0 ? "/" : kept.toString();
    }
}
