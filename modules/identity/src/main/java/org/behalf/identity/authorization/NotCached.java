package org.behalf.identity.authorization;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * RFC 6749 section 5.1: an OAuth answer is never kept by a cache, {@code Pragma} for the HTTP/1.0
 * ones. The values Spring Security's header writer puts on every answer that reaches it, set here on
 * those written before it runs or in its place (an early 400 or 405, a signed introspection
 * answer), so that every OAuth answer says the same (black-box finding: those had neither or only
 * {@code no-store}).
 */
final class NotCached {

    private NotCached() {
    }

    static void mark(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
    }
}
