package org.behalf.identity.clients;

import java.util.Optional;
import java.util.Set;

import org.behalf.identity.api.ClientDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
        return owners.existsByClientIdAndOwnerId(clientId, memberId);
    }

    @Override
    public Optional<String> owner(String clientId) {
        return owners.findById(clientId).map(ClientOwner::ownerId);
    }

    @Override
    public Set<String> authorizedBy(String accountId) {
        return Set.copyOf(jdbc.queryForList("SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?",
                String.class, accountId));
    }
}
