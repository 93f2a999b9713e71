package org.behalf.kernel;

import java.util.Set;

/**
 * Who is calling the resource API, from a verified access token (or the console's session).
 * The resource API always acts on {@code subject}'s account (DESIGN.md section 5).
 *
 * @param subject  the account acted on: a member id, or the client id of a client-credentials token
 * @param actor    the delegate's member id ({@code act.sub}) for a delegation token, else null
 * @param clientId the OAuth client the token was issued to
 * @param scopes   the token's scopes
 * @param grantId  the grant of a delegation token, else null
 * @param tokenId  the token's {@code jti}
 * @param kind     how the caller relates to the account
 */
public record Caller(String subject, String actor, String clientId, Set<String> scopes, String grantId,
                     String tokenId, Kind kind) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public enum Kind {
        /** The member, through a first-party client or the console session. */
        HOLDER,
        /** A delegate acting for the member through a delegation token. */
        DELEGATE,
        /** A third-party app acting for the member with the member's consent. */
        APP,
        /** A client acting for itself (client credentials); never a member's account. */
        CLIENT
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
