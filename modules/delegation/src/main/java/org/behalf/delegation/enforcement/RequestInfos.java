package org.behalf.delegation.enforcement;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent.RequestInfo;
import org.behalf.identity.api.Caller;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a request came from, for activity entries. The address is the one the servlet container
 * resolved (proxy headers only when configured as trusted, SECURITY-CASES 29); the user agent is
 * cut to a bounded length, and the export's JSON encoding keeps it from forging lines
 * (SECURITY-CASES 34).
 */
public final class RequestInfos {

    static final String REQUEST_ID = RequestInfos.class.getName() + ".id";
    private static final String BROWSER_ADDRESS = RequestInfos.class.getName() + ".browser";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]{2,45}");
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
        Object browser = request.getAttribute(BROWSER_ADDRESS);
        return new RequestInfo(browser != null ? browser.toString() : request.getRemoteAddr(), agent,
                id == null ? null : id.toString());
    }

    /**
     * The console's calls come over loopback on the browser's behalf: the browser's address is the
     * one that counts, for the activity entry and for a grant's IP ranges. It is believed only with
     * a token of the console's confidential client and only from loopback, so that nobody else can
     * choose the address they are checked against (SECURITY-CASES 29, trusted headers only).
     */
    static void adoptBrowserAddress(HttpServletRequest request, Caller caller) {
        String claimed = request.getHeader(ConsoleClient.BROWSER_ADDRESS_HEADER);
        if (claimed == null || !ConsoleClient.ID.equals(caller.clientId()) || !IP_LITERAL.matcher(claimed).matches()) {
            return;
        }
        try {
            if (InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                request.setAttribute(BROWSER_ADDRESS, InetAddress.getByName(claimed).getHostAddress());
            }
        } catch (UnknownHostException notALiteral) {
            // ignored: the connection's own address stands
        }
    }
}
