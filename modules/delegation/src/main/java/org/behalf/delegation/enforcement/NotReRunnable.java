package org.behalf.delegation.enforcement;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For a handler that does something outside its request's transaction (a call over HTTP): the
 * request is then never re-run after a conflict ({@link EnforcementFilter}), which would do it twice;
 * it is answered 503 "try again" instead.
 */
public final class NotReRunnable {

    private NotReRunnable() {
    }

    public static void mark(HttpServletRequest request) {
        RequestRecord.of(request).calledOut();
    }
}
