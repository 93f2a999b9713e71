package org.behalf.delegation.enforcement;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent.RequestInfo;
import org.behalf.identity.api.ClientAddress;
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
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        Object id = request.getAttribute(REQUEST_ID);
        return new RequestInfo(ClientAddress.of(request), agent, id == null ? null : id.toString());
    }
}
