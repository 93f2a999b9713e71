package org.behalf.kernel;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;

/**
 * A request refused before it reached the API, by a server in front of it that a delegate calls with
 * its delegation token (the MCP server, docs/agents.md, "Errors"), handed to the API's enforcement so
 * that the refusal is recorded in the holder's log as the API records its own: one entry, the bad
 * input's words as its reason (DESIGN.md section 2 rule 6: a delegate's request, allowed or denied,
 * writes one entry). The enforcement records it and runs nothing: a 403 as {@code denied} (a rule
 * refused it), any other status as {@code error} (bad input).
 */
public final class RefusedElsewhere {

    private static final String ATTRIBUTE = RefusedElsewhere.class.getName();

    private RefusedElsewhere() {
    }

    /** Marks the request about to be forwarded to the API as this refusal. */
    public static void mark(HttpServletRequest request, ProblemDetail refusal) {
        request.setAttribute(ATTRIBUTE, refusal);
    }

    public static void clear(HttpServletRequest request) {
        request.removeAttribute(ATTRIBUTE);
    }

    /** The refusal the request was marked as, if it was. */
    public static Optional<ProblemDetail> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ProblemDetail refusal ? Optional.of(refusal) : Optional.empty();
    }
}
