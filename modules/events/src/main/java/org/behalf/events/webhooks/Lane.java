package org.behalf.events.webhooks;

/**
 * Which workers send a delivery (issue 19, DESIGN.md section 6). A Shared Signals SET says that a
 * grant ended or shrank, and is promised within 5 s of the change: it has a lane of its own, with
 * its own claim, its own workers and its own fan-out of the outbox rows it comes from, so that no
 * number of pending webhook deliveries, and no slow webhook receiver, stands in front of it.
 */
enum Lane {

    SIGNAL("signal"),
    WEBHOOK("webhook");

    /** As stored in {@code events_delivery.lane}. */
    final String stored;

    Lane(String stored) {
        this.stored = stored;
    }

    /** The lane of a subscription's deliveries: a stream's SETs go in the signal lane. */
    static Lane of(String subscriptionId) {
        return Stream.isStream(subscriptionId) ? SIGNAL : WEBHOOK;
    }
}
