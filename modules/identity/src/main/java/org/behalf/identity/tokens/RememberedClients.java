package org.behalf.identity.tokens;

import java.util.function.Function;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Registered clients as this node last read them, under the same protocol as the tokens it
 * remembers ({@link TokenStates}, docs/security.md rule 44): every token request, introspection and
 * exchange authenticates its client, and that read of the client's row was, after the token's own
 * row, the one database round trip left on those paths (issue 16; a JFR profile of
 * {@code scripts/bench tokens} put it at a tenth of the server's CPU on client credentials, besides
 * the database's own work on a machine that shares two cores between them).
 *
 * <p>Saving a client (a new one, a rotated secret, changed redirect URIs or scopes) records a
 * revocation in the saving transaction, and deleting one already does ({@code revokeClient}): every
 * node then forgets what it remembered, this node at once and the others within the revocation bound
 * (0.5 s by default). An unknown client id is never remembered, so guessing ids fills nothing.
 *
 * <p>A client is found only by exactly its id (DESIGN.md section 3: an id is one string; docs/security.md
 * rule 26). Every path that names a client comes here (Spring's client authentication, secret or PKCE,
 * the authorization and consent endpoints, the API's apps), so this is the one place that holds it: the
 * database's collation may take another spelling for the id (case and accents on a default-collation
 * database; trailing spaces on every MySQL collation, {@code utf8mb4_bin} included), and a row found so
 * is no client of that name. A confidential client's id in another case was authenticated with its secret
 * and given tokens, and a public client's code was redeemed under another spelling of its name.
 */
public final class RememberedClients implements RegisteredClientRepository {

    private final RegisteredClientRepository store;
    private final TokenStates states;

    public RememberedClients(RegisteredClientRepository store, TokenStates states) {
        this.store = store;
        this.states = states;
    }

    @Override
    public void save(RegisteredClient client) {
        store.save(client);
        states.revoked();
    }

    @Override
    public RegisteredClient findById(String id) {
        return remembered("client id " + id, id, asked -> exactly(asked, store.findById(asked), RegisteredClient::getId));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return remembered("client " + clientId, clientId,
                asked -> exactly(asked, store.findByClientId(asked), RegisteredClient::getClientId));
    }

    /** The client found, if the id it was found by is exactly its own. */
    private static RegisteredClient exactly(String asked, RegisteredClient found, Function<RegisteredClient, String> id) {
        return found != null && asked.equals(id.apply(found)) ? found : null;
    }

    private RegisteredClient remembered(String key, String id, Function<String, RegisteredClient> read) {
        if (id == null || id.isBlank()) {
            // No client has a blank id; Spring's store asserts on one, and a path like /api/v1/apps/authorized/%20
            // answered 500 (black-box finding). Unknown, as any id that names no client.
            return null;
        }
        RegisteredClient known = states.get(key);
        if (known != null) {
            return known;
        }
        long mark = states.mark();
        RegisteredClient found = read.apply(id);
        if (found != null) {
            states.remember(key, found, mark);
        }
        return found;
    }
}
