package org.behalf.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.events.EventsSlice;
import org.behalf.identity.api.AccountEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, "Load and limits": the request that causes an event nobody could receive writes no
 * outbox row; once a subscription wants the type, it does. Counted inside the publishing
 * transaction, before the delivery worker could take the row.
 */
class OutboxInterestTest extends EventsSlice {

    /** A type no other test subscribes to, so the other tests' subscriptions do not want it. */
    private static final String TYPE = "approval.decided";

    @Test
    void anEventNobodyCouldHearWritesNothingAndOneSomebodyWantsIsWritten() throws Exception {
        Thread.sleep(1_100); // past one refresh of every node's view, whatever ran before
        assertThat(rowsWritten(owner)).isZero();

        assertThat(http.post("/api/v1/webhooks", owner, Map.of("clientId", client(owner), "url", "http://127.0.0.1:9/hook",
                "events", List.of(TYPE))).status()).isEqualTo(201);
        // Made on this node, so heard at once (another node's view follows within behalf.events.interest-refresh).
        assertThat(rowsWritten(owner)).isEqualTo(1);
    }

    private Integer rowsWritten(String account) {
        return transactions.execute(status -> {
            publisher().publishEvent(new AccountEvent(TYPE, account, null, Map.of("approvalId", "apr_test")));
            Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM events_outbox WHERE account_id = ? AND type = ?", Integer.class,
                    account, TYPE);
            status.setRollbackOnly();
            return rows;
        });
    }
}
