package org.behalf.identity.clients;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.behalf.identity.api.ClientDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * {@link ClientDirectory} from the client owners ({@link ClientOwners}) and the authorization
 * server's consents. The consents are read with a statement: {@code oauth2_authorization_consent}
 * is Spring Authorization Server's table, whose store finds a consent only by client and member.
 */
@Component
class OwnedClients implements ClientDirectory {

    private final ClientOwners owners;
    private final JdbcTemplate jdbc;

    OwnedClients(ClientOwners owners, JdbcTemplate jdbc) {
        this.owners = owners;
        this.jdbc = jdbc;
    }

    @Override
    public boolean owns(String memberId, String clientId) {
        return owner(clientId).filter(memberId::equals).isPresent();
    }

    /**
     * Of exactly the client named (docs/security.md rule 26): the owners' table compares client ids byte for
     * byte, and still pads, so "cli_x  " found the row of "cli_x", and a webhook was created for the client
     * under that spelling, which the client's events and its deletion do not name.
     */
    @Override
    public Optional<String> owner(String clientId) {
        return clientId == null ? Optional.empty()
                : owners.findById(clientId).filter(owner -> owner.clientId().equals(clientId)).map(ClientOwner::ownerId);
    }

    /**
     * Spring Authorization Server keeps a consent's scopes among its authorities, comma-separated,
     * each as {@code SCOPE_} and the scope (JdbcOAuth2AuthorizationConsentService).
     */
    @Override
    public Map<String, Set<String>> consentsOf(String accountId) {
        Map<String, Set<String>> consents = new HashMap<>();
        jdbc.query("SELECT registered_client_id, authorities FROM oauth2_authorization_consent WHERE principal_name = ?", rs -> {
            Set<String> scopes = new HashSet<>();
            for (String authority : StringUtils.commaDelimitedListToSet(rs.getString(2))) {
                if (authority.startsWith(SCOPE)) {
                    scopes.add(authority.substring(SCOPE.length()));
                }
            }
            consents.put(rs.getString(1), Set.copyOf(scopes));
        }, accountId);
        return Map.copyOf(consents);
    }

    private static final String SCOPE = "SCOPE_";
}
