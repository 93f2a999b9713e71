package org.behalf.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import org.behalf.events.EventsSlice;
import org.behalf.kernel.slice.SessionStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The node's view of wanted event types, re-read every second on every node ({@link Interest}): a
 * subscription another node stored is heard after one read, and that read costs the database no
 * on-disk temporary table. Its {@code SELECT DISTINCT} on the wide types column did, once a second
 * per node, and one of those tables crashed MariaDB 10.11 during the test suite (2026-12-06).
 */
class InterestViewTest extends EventsSlice {

    /** No real type: only this test's row names it, so no other subscription or test is touched. */
    private static final String TYPE = "test.interest-view";

    @Autowired
    private Interest interest;

    @Test
    void aSubscriptionStoredByAnotherNodeIsHeardAfterOneReadThatMakesNoTemporaryTableOnDisk() {
        String id = "wh_interest_view";
        jdbc.update("INSERT INTO events_webhook (owner_id, id, client_id, url, event_types, secret, status, created_at) "
                + "VALUES (?, ?, 'elsewhere', 'https://receiver.example/hook', ?, 'sealed', 'active', ?)",
                owner, id, TYPE + " " + TYPE, Timestamp.from(Instant.now()));
        try {
            long made = transactions.execute(status -> SessionStatements.during(jdbc, interest::refresh).get("disk temporary tables"));

            assertThat(made).as("on-disk temporary tables made by one read of the view").isZero();
            assertThat(interest.wants(TYPE)).as("the type another node subscribed to").isTrue();
            assertThat(interest.wants("test.interest-view-unknown")).isFalse();
        } finally {
            jdbc.update("DELETE FROM events_webhook WHERE owner_id = ? AND id = ?", owner, id);
        }
    }
}
