package org.behalf.kernel;

import jakarta.servlet.http.HttpServletRequest;

/** The request's parameters (query string, form body) as the container decodes them. */
public final class RequestParameters {

    private RequestParameters() {
    }

    /**
     * Whether the container can decode them: it does so on the first read of a parameter and throws
     * there on a broken %-escape or bytes that are not UTF-8, which a handler met half-way as a
     * failure (SECURITY-CASES 24). Asked first by the filters that refuse such a request in their
     * own answer's form: the enforcement's problem and the OAuth endpoints' RFC 6749 error.
     */
    public static boolean decode(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (IllegalStateException broken) {
            return false;
        }
    }
}
