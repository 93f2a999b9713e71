package org.behalf.delegation.enforcement;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent.RequestInfo;
import org.behalf.kernel.ClientAddress;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a request came from, for activity entries. The address is {@link ClientAddress}'s (the
 * resolved one, or the browser's for the console's calls); the user agent is
 * cut to a bounded length, and the export's JSON encoding keeps it from forging lines
 * (SECURITY-CASES 34).
 */
public final class RequestInfos {

    static final String REQUEST_ID = RequestInfos.class.getName() + ".id";
    private static final int MAX_USER_AGENT = 512;

    private RequestInfos() {
    }

    public static RequestInfo current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return RequestInfo.NONE;
        }
        return of(attributes.getRequest());
    }

    public static RequestInfo of(HttpServletRequest request) {
        String agent = userAgent(request);
        Object id = request.getAttribute(REQUEST_ID);
        return new RequestInfo(ClientAddress.of(request), agent, id == null ? null : id.toString());
    }

    /**
     * The User-Agent as the log keeps it (docs/security.md rules 34 and 40): the header's bytes as
     * HTTP reads them (ISO-8859-1), at most 512 characters, each control character (C0, DEL, C1)
     * shown as U+FFFD. Read from the container's own request: Spring Security's firewall refuses
     * such a header by throwing when it is read, which made the request fail unrecorded. A request
     * whose User-Agent has a control character is refused ({@link #controlInUserAgent}), so the
     * replacement only ever appears in the entry of that refusal.
     */
    static String userAgent(HttpServletRequest request) {
        String agent = rawUserAgent(request);
        if (agent == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(agent.length(), MAX_USER_AGENT));
        for (int i = 0; i < agent.length() && i < MAX_USER_AGENT; i++) {
            char c = agent.charAt(i);
            kept.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return kept.toString();
    }

    /** Whether the User-Agent has a character that could not be recorded as sent (rule 40). */
    static boolean controlInUserAgent(HttpServletRequest request) {
        String agent = rawUserAgent(request);
        return agent != null && agent.chars().anyMatch(Character::isISOControl);
    }

    private static String rawUserAgent(HttpServletRequest request) {
        ServletRequest raw = request;
        while (raw instanceof ServletRequestWrapper wrapper) {
            raw = wrapper.getRequest();
        }
        return ((HttpServletRequest) raw).getHeader("User-Agent");
    }
}
