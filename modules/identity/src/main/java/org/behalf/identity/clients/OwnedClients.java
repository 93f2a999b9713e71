package org.behalf.identity.clients;

import java.util.Optional;
import java.util.Set;

import org.behalf.identity.api.ClientDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link ClientDirectory} from the client-owner rows and the authorization server's consents. */
@Component
class OwnedClients implements ClientDirectory {

    private final JdbcTemplate jdbc;

    OwnedClients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean owns(String memberId, String clientId) {
        return !jdbc.queryForList("SELECT 1 FROM identity_client_owner WHERE client_id = ? AND owner_id = ?", Integer.class,
                clientId, memberId).isEmpty();
    }

    @Override
    public Optional<String> owner(String clientId) {
        return jdbc.queryForList("SELECT owner_id FROM identity_client_owner WHERE client_id = ?", String.class, clientId).stream()
                .findFirst();
    }

    @Override
    public Set<String> authorizedBy(String accountId) {
        return Set.copyOf(jdbc.queryForList("SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?",
                String.class, accountId));
    }
}
