package org.behalf.console.session;

import java.io.Serializable;
import java.time.Instant;

/**
 * Tokens the console holds for one browser session, kept on the server only (never sent to the
 * browser, SECURITY-CASES 28).
 *
 * @param accessToken  the bearer token for the resource API
 * @param refreshToken the refresh token, or null (delegation tokens have none, DESIGN.md section 5)
 * @param expiresAt    when the access token stops working
 * @param scopes       the scopes it carries, space-separated
 */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scopes) implements Serializable {

    /** A token that will not last through a request of a few seconds is renewed first. */
    boolean expiresSoon(Instant now) {
        return expiresAt.isBefore(now.plusSeconds(20));
    }
}
