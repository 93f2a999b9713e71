package org.behalf.identity.api;

/**
 * Published (as a Spring application event, inside the deleting transaction) when a member deletes
 * one of their clients, so that other modules end what belongs to it in the same transaction: the
 * events module's webhooks and Shared Signals streams of that client (docs/security.md rule 42).
 *
 * @param ownerId  the member who registered it
 * @param clientId the client that is gone
 */
public record ClientDeleted(String ownerId, String clientId) {
}
