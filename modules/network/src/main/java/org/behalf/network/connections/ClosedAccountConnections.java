package org.behalf.network.connections;

import org.behalf.identity.api.AccountClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A closed account leaves the network: its connections end on both sides, so it no longer stands
 * in other members' connection lists with its headline. Runs in the closing transaction.
 */
@Component
class ClosedAccountConnections {

    private final ConnectionRepository connections;

    ClosedAccountConnections(ConnectionRepository connections) {
        this.connections = connections;
    }

    @EventListener
    void on(AccountClosed closed) {
        connections.disconnectAll(closed.memberId());
    }
}
