package org.behalf.identity.clients;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which redirect URIs a client may register, whether an integrator's ({@link ClientRegistration})
 * or a self-registered MCP client's: exact, absolute, no fragment and no user info; https, or http
 * on a loopback address, 127.0.0.1 or [::1] (RFC 8252 sections 7.3 and 8.3).
 */
public final class RedirectUris {

    private RedirectUris() {
    }

    public static boolean acceptable(String uri) {
        try {
            URI parsed = new URI(uri);
            boolean loopback = "http".equals(parsed.getScheme())
                    && ("127.0.0.1".equals(parsed.getHost()) || "[::1]".equals(parsed.getHost()));
            return parsed.isAbsolute() && parsed.getFragment() == null && parsed.getHost() != null && parsed.getUserInfo() == null
                    && ("https".equals(parsed.getScheme()) || loopback);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
