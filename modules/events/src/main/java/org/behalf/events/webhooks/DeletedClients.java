package org.behalf.events.webhooks;

import java.util.List;
import java.util.Set;

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
 * {@code client.delete} entry, which says it all.
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

    /**
     * Each subscription's row is locked before its deliveries go, through the id's index and in id
     * order, as the fan-out locks the subscriptions it writes for ({@code FanOut}; see
     * WebhookService#delete): taken the other way round, the two deadlocked.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ClientDeleted deleted) {
        List<Webhook> hooks = webhooks.byOwner(deleted.ownerId()).stream().filter(hook -> hook.clientId().equals(deleted.clientId())).toList();
        Set<String> lockedHooks = webhooks.lockStatuses(hooks.stream().map(Webhook::id).toList()).keySet();
        for (Webhook hook : hooks) {
            if (lockedHooks.contains(hook.id())) {
                deliveries.deleteAll(hook.ownerId(), hook.id());
                webhooks.delete(hook);
            }
        }
        List<Stream> ofClient = streams.byOwner(deleted.ownerId()).stream().filter(stream -> stream.clientId().equals(deleted.clientId())).toList();
        Set<String> lockedStreams = streams.lockIds(ofClient.stream().map(Stream::id).toList());
        for (Stream stream : ofClient) {
            if (lockedStreams.contains(stream.id())) {
                deliveries.deleteAll(stream.ownerId(), stream.id());
                streams.delete(stream);
            }
        }
    }
}
