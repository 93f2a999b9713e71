package org.behalf.delegation.enforcement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A request as it stood before its first attempt, so that a re-run after a conflict starts clean
 * ({@link Conflicts}): the request attributes (an attempt's activity notes, its handler's) and the
 * answer's headers (an attempt's Location, its content type) are put back as they were. The body
 * was buffered by {@link ReadBody} and is read again from its first byte. What runs again is the
 * rest of the filter chain, which for {@link EnforcementFilter}, the last filter, is the servlet.
 */
final class Rerun {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, List<String>> headers = new HashMap<>();

    Rerun(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        for (String name : Collections.list(request.getAttributeNames())) {
            attributes.put(name, request.getAttribute(name));
        }
        for (String name : response.getHeaderNames()) {
            headers.put(name, new ArrayList<>(response.getHeaders(name)));
        }
    }

    /** Whether nothing of the answer has gone to the client, so that it can still be another. */
    boolean possible() {
        return !response.isCommitted();
    }

    /** Puts the request and its (unsent) answer back as they were before the first attempt. */
    HttpServletRequest reset(HttpServletRequest read) {
        for (String name : Collections.list(request.getAttributeNames())) {
            if (!attributes.containsKey(name)) {
                request.removeAttribute(name);
            }
        }
        attributes.forEach(request::setAttribute);
        response.reset();
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        return ReadBody.again(read);
    }
}
