package org.behalf.identity.authorization;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A client that registered itself ({@link DynamicRegistration}): who asked, from where and when
 * (docs/security.md rule 43), the aggregate of {@code identity_dynamic_client}. The client itself is
 * Spring Authorization Server's ({@code oauth2_registered_client}).
 */
@Table("identity_dynamic_client")
record DynamicClient(@Id String clientId, String clientName, String address, String userAgent, Instant createdAt) {
}
