package org.behalf.events.webhooks;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery, from {@code behalf.events.*} (DESIGN.md section 6, "Events for integrators").
 *
 * @param workers               webhook runs in flight at once on one node (the webhook lane's bounded pool)
 * @param connectTimeout        to open a connection to a receiver
 * @param readTimeout           to wait for a receiver's answer; past it the attempt failed
 * @param retryBase             the first retry's delay; each next one doubles it, with jitter
 * @param retryMax              the longest delay between two attempts
 * @param giveUpAfter           how long a delivery is retried before its subscription is disabled (at least 24 h)
 * @param secretGrace           how long the previous secret still signs after a rotation
 * @param maxPerClient          subscriptions per client
 * @param lease                 how long a node holds a claimed delivery before another may take it
 * @param allowPrivateAddresses the operator's choice to allow private and link-local receivers ({@code BEHALF_WEBHOOKS_ALLOW_PRIVATE})
 * @param signalWorkers         Shared Signals runs in flight at once on one node (the signal lane's own pool, see {@link Lane})
 * @param perSubscription       runs of one subscription in flight at once on one node: what one slow receiver can hold of a lane
 * @param perOwner              webhook runs of one owner in flight at once on one node, however many clients and webhooks they have
 *                              (20 per client): what one owner's slow receivers can hold of the webhook lane, a quarter of it
 * @param signalPerOwner        runs of one owner's streams in flight at once on one node, however many clients and streams they
 *                              have: what one owner's slow receivers can hold of the signal lane, less than all of it
 * @param pollInterval          how often each node fans out the outbox and claims due deliveries when no worker asks sooner (read by the scheduler)
 * @param interestRefresh       how often each node re-reads which event types any subscription wants (read by the scheduler)
 */
@Validated
@ConfigurationProperties("behalf.events")
public record EventsSettings(@DefaultValue("16") @Positive int workers,
                             @DefaultValue("2s") @NotNull Duration connectTimeout,
                             @DefaultValue("5s") @NotNull Duration readTimeout,
                             @DefaultValue("5s") @NotNull Duration retryBase,
                             @DefaultValue("1h") @NotNull Duration retryMax,
                             @DefaultValue("24h") @NotNull Duration giveUpAfter,
                             @DefaultValue("24h") @NotNull Duration secretGrace,
                             @DefaultValue("20") @Positive int maxPerClient,
                             @DefaultValue("60s") @NotNull Duration lease,
                             @DefaultValue("false") boolean allowPrivateAddresses,
                             @DefaultValue("4") @Positive int signalWorkers,
                             @DefaultValue("4") @Positive int perSubscription,
                             @DefaultValue("250ms") @NotNull Duration pollInterval,
                             @DefaultValue("1s") @NotNull Duration interestRefresh,
                             @DefaultValue("2") @Positive int signalPerOwner,
                             @DefaultValue("4") @Positive int perOwner) {
}
