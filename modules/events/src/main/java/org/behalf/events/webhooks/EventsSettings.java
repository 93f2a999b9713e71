package org.behalf.events.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
 * @param allowPrivateAddresses the operator's choice to allow private and link-local receivers
 * @param signalWorkers         Shared Signals runs in flight at once on one node (the signal lane's own pool, see {@link Lane})
 * @param perSubscription       runs of one subscription in flight at once on one node: what one slow receiver can hold of a lane
 * @param pollInterval          how often each node fans out the outbox and claims due deliveries when no worker asks sooner
 */
@ConfigurationProperties("behalf.events")
public record EventsSettings(Integer workers, Duration connectTimeout, Duration readTimeout, Duration retryBase, Duration retryMax,
                             Duration giveUpAfter, Duration secretGrace, Integer maxPerClient, Duration lease,
                             Boolean allowPrivateAddresses, Integer signalWorkers, Integer perSubscription, Duration pollInterval) {

    public EventsSettings {
        workers = workers == null ? 16 : workers;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        retryBase = retryBase == null ? Duration.ofSeconds(5) : retryBase;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        secretGrace = secretGrace == null ? Duration.ofHours(24) : secretGrace;
        maxPerClient = maxPerClient == null ? 20 : maxPerClient;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        allowPrivateAddresses = allowPrivateAddresses != null && allowPrivateAddresses;
        signalWorkers = signalWorkers == null ? 4 : signalWorkers;
        perSubscription = perSubscription == null ? 4 : perSubscription;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
    }
}
