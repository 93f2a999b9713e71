package org.behalf.identity.api;

import org.behalf.identity.tokens.TokenHashes;

/**
 * How the account's list of where it is signed in names a browser's sign-in: never by its session
 * id, which is the cookie itself, but by a hash of it (docs/security.md rule 28). The console names
 * its own browser's the same way, so that it can mark that one as this browser's (black-box
 * finding, 2026-12-07: it was listed like anyone else's, and ending it signed out without a word).
 */
public final class BrowserSignIns {

    public static final String PREFIX = "brs_";

    private BrowserSignIns() {
    }

    /** The public id of the browser session {@code sessionId}. */
    public static String id(String sessionId) {
        return PREFIX + TokenHashes.sha256(sessionId).substring(0, 32);
    }
}
