package org.behalf.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * behalf-cli's authorization request (PKCE S256 with a fixed challenge), for tests that ask whether
 * a browser's session still gets codes: a session that was ended is sent to sign in instead.
 */
public final class CliAuthorization {

    public static final String REQUEST = "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
            "client_id", Members.CLI, "redirect_uri", "http://127.0.0.1:45678/callback", "scope", "profile:read", "state", "s",
            "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256"));

    private CliAuthorization() {
    }

    /** A browser signed in on the sign-in form, shown to get codes from the authorization endpoint. */
    public static Http signedIn(String base, Members.Member member) {
        Http browser = Members.browser(base, member.handle(), member.password());
        String location = redirect(browser);
        assertTrue(location.contains("code="), location);
        return browser;
    }

    /** Where the authorization endpoint sends this browser: to the client with a code, or to sign in; it always redirects. */
    public static String redirect(Http browser) {
        Http.Response answer = browser.get(REQUEST, null);
        String location = answer.header("Location");
        assertNotNull(location, answer::toString);
        return location;
    }
}
