package org.behalf.identity.clients;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Who registered an integrator's client, and when: the aggregate of {@code identity_client_owner}.
 * The client itself is Spring Authorization Server's ({@code oauth2_registered_client}), kept by its
 * own {@code RegisteredClientRepository}.
 */
@Table("identity_client_owner")
record ClientOwner(@Id String clientId, String ownerId, Instant createdAt) {
}
