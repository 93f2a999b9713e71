package org.behalf.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request counts as coming from: for activity entries, a grant's IP ranges and rate
 * limits. It is the one the servlet container resolved (proxy headers only when configured as
 * trusted, SECURITY-CASES 29), except for the console's own calls: those come over loopback on a
 * browser's behalf, and name the browser's address in {@link #BROWSER_ADDRESS_HEADER}.
 * That header is believed only from loopback and only with a token of the console's confidential
 * client, whose tokens never leave the server, so nobody else can choose the address they are
 * checked against.
 */
public final class ClientAddress {

    /** The console's client id (identity's {@code ConsoleClient.ID}): only its tokens may name a browser's address. */
    public static final String CONSOLE_CLIENT_ID = "behalf-console";

    /**
     * The console calls the API over loopback; with this header it names the browser's address,
     * which the API believes only from loopback and only with a console token (the console's
     * tokens never leave the server), for activity entries and grants' IP ranges.
     */
    public static final String BROWSER_ADDRESS_HEADER = "X-Behalf-Browser-Address";

    private static final String ATTRIBUTE = ClientAddress.class.getName();

    private ClientAddress() {
    }

    /** The address in its one spelling ({@link IpLiteral}: {@code ::1}, never {@code 0:0:0:0:0:0:0:1}). */
    public static String of(HttpServletRequest request) {
        Object browser = request.getAttribute(ATTRIBUTE);
        if (browser != null) {
            return browser.toString();
        }
        String remote = request.getRemoteAddr();
        return IpLiteral.canonical(remote).orElse(remote);
    }

    /** Called once the caller is known: adopts the browser's address for a console call. */
    public static void adopt(HttpServletRequest request, Caller caller) {
        String claimed = request.getHeader(BROWSER_ADDRESS_HEADER);
        String browser = claimed == null ? null : IpLiteral.canonical(claimed).orElse(null);
        if (browser == null || !CONSOLE_CLIENT_ID.equals(caller.clientId())) {
            return;
        }
        try {
            if (InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                request.setAttribute(ATTRIBUTE, browser);
            }
        } catch (UnknownHostException notALiteral) {
            // the connection's own address stands
        }
    }
}
