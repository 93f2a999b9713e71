package org.behalf.identity.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which redirect URIs a client may register, whether an integrator's ({@link ClientRegistration})
 * or a self-registered MCP client's: exact, absolute, no fragment and no user info; https, or http
 * on a loopback address, 127.0.0.1 or [::1] (RFC 8252 sections 7.3 and 8.3); and no longer in all
 * than their column holds ({@link #MAX_LENGTH}).
 */
public final class RedirectUris {

    /**
     * Spring Authorization Server's store keeps a client's redirect URIs joined by commas in
     * {@code oauth2_registered_client.redirect_uris}, {@code VARCHAR(1000)}: longer ones failed as a
     * database error, a 500 on {@code /api/v1/clients} and a "not client metadata" refusal on
     * {@code /oauth2/register} (black-box testing, 2026-12-07).
     */
    public static final int MAX_LENGTH = 1000;

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

    /** Why these redirect URIs are too long to register, in plain words; {@code null} when they fit. */
    public static @Nullable String whyTooLong(List<String> uris) {
        int length = String.join(",", uris).length();
        return length <= MAX_LENGTH ? null : "The redirect URIs may be at most " + MAX_LENGTH
                + " characters in all, counting one more between each two; these are " + length + ".";
    }
}
