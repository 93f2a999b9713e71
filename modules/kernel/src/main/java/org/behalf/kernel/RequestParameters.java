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
        return failure(request).isEmpty();
    }

    /**
     * What the container threw when it could not decode them, or empty when it can: a filter that
     * tells a form too large for it (Tomcat's {@code InvalidParameterException}, error code 413) or
     * one of too many fields ({@link TooManyFields}) from a broken one asks for it, or for {@link #refusal}.
     */
    public static java.util.Optional<IllegalStateException> failure(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return java.util.Optional.empty();
        } catch (IllegalStateException broken) {
            return java.util.Optional.of(broken);
        }
    }

    /** Why they cannot be read, in plain words, for a failure {@link #failure} gave. */
    public static String refusal(IllegalStateException failure) {
        if (failure instanceof TooManyFields tooMany) {
            return "The address and form have more than " + tooMany.limit() + " fields together; no request here needs that many.";
        }
        return "The address or form has a broken %-escape or text that is not UTF-8.";
    }
}
