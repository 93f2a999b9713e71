package org.behalf.identity.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read-only look-ups of OAuth clients for the other modules (who owns one, who authorized which). */
public interface ClientDirectory {

    /** Whether the member registered the client (self-service clients, {@code /api/v1/clients}). */
    boolean owns(String memberId, String clientId);

    /** The member who registered the client; empty for Behalf's own clients, which nobody owns. */
    Optional<String> owner(String clientId);

    /** The clients the account has authorized (given its consent to), by client id. */
    default Set<String> authorizedBy(String accountId) {
        return consentsOf(accountId).keySet();
    }

    /** The scopes the account consented to give each client it authorized, by client id ({@code openid} included when given). */
    Map<String, Set<String>> consentsOf(String accountId);
}
