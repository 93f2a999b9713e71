package org.behalf.identity.clients;

import java.util.List;
import java.util.Optional;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.repository.Repository;

/** The owners of integrators' clients ({@link ClientOwner}); a client's id is its row's. */
interface ClientOwners extends Repository<ClientOwner, String>, Inserts<ClientOwner> {

    Optional<ClientOwner> findById(String clientId);

    boolean existsByClientIdAndOwnerId(String clientId, String ownerId);

    /** A member's clients, newest first. */
    List<ClientOwner> findByOwnerIdOrderByCreatedAtDescClientIdDesc(String ownerId);

    void deleteById(String clientId);
}
