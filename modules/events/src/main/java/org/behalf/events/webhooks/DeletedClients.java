package org.behalf.events.webhooks;

import org.behalf.identity.api.ClientDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A deleted client's webhooks and Shared Signals streams go with it, with their deliveries, in the
 * transaction that deletes the client (identity publishes {@link ClientDeleted} inside it). They
 * stayed listed as active, and PATCH and a new secret still worked on them, after the client was
 * gone (black-box testing on 2026-12-06; docs/security.md rule 42). The owner's log has the
 * {@code client.delete} entry, which says it all; a delivery a fan-out wrote just before is
 * deleted by its first claim, as any deleted subscription's.
 */
@Component
class DeletedClients {

    private final WebhookRepository webhooks;
    private final StreamRepository streams;
    private final DeliveryRepository deliveries;

    DeletedClients(WebhookRepository webhooks, StreamRepository streams, DeliveryRepository deliveries) {
        this.webhooks = webhooks;
        this.streams = streams;
        this.deliveries = deliveries;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ClientDeleted deleted) {
        for (Webhook hook : webhooks.lockByOwner(deleted.ownerId())) {
            if (hook.clientId().equals(deleted.clientId())) {
                deliveries.deleteAll(hook.ownerId(), hook.id());
                webhooks.delete(hook);
            }
        }
        for (Stream stream : streams.lockByOwner(deleted.ownerId())) {
            if (stream.clientId().equals(deleted.clientId())) {
                deliveries.deleteAll(stream.ownerId(), stream.id());
                streams.delete(stream);
            }
        }
    }
}
