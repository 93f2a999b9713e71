package org.behalf.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.identity.api.AccountEvent;
import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 19, "Load and limits": the request that causes an event nobody could receive writes no
 * outbox row; once a subscription wants the type, it does. Counted inside the publishing
 * transaction, before the delivery worker could take the row.
 */
class OutboxInterestTest extends ServerTest {

    /** A type no other test subscribes to, so the shared server's other subscriptions do not want it. */
    private static final String TYPE = "approval.decided";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private ApplicationEventPublisher events;

    @Test
    void anEventNobodyCouldHearWritesNothingAndOneSomebodyWantsIsWritten() throws Exception {
        Members.Member owner = Members.create(baseUrl(), "intr");
        Thread.sleep(1_100); // past one refresh of every node's view, whatever ran before
        assertThat(rowsWritten(owner.id())).isZero();

        Http http = new Http(baseUrl());
        String client = http.post("/api/v1/clients", owner.accessToken(), Map.of("name", "Listener",
                "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read"))).json().path("clientId").asString();
        assertThat(http.post("/api/v1/webhooks", owner.accessToken(), Map.of("clientId", client, "url", "http://127.0.0.1:9/hook",
                "events", List.of(TYPE))).status()).isEqualTo(201);
        // Made on this node, so heard at once (another node's view follows within behalf.events.interest-refresh).
        assertThat(rowsWritten(owner.id())).isEqualTo(1);
    }

    private Integer rowsWritten(String account) {
        return transactions.execute(status -> {
            events.publishEvent(new AccountEvent(TYPE, account, null, Map.of("approvalId", "apr_test")));
            Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM events_outbox WHERE account_id = ? AND type = ?", Integer.class,
                    account, TYPE);
            status.setRollbackOnly();
            return rows;
        });
    }
}
