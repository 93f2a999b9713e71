package org.behalf.events.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.behalf.events.webhooks.Interest;
import org.behalf.identity.api.AccountClosed;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.ConsentWithdrawn;
import org.behalf.kernel.OpaqueIds;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the outbox row of an event in the transaction of the change that published it (DESIGN.md
 * section 6: no event for a rolled-back change, no lost event for a committed one). A synchronous
 * listener runs on the publisher's thread, inside its transaction; {@code MANDATORY} refuses an
 * event published outside one rather than committing it alone. Nothing else happens here, so the
 * request that caused the event pays one insert (docs/security.md rule 42), and not even that when
 * no subscription could receive the event's type ({@link Interest}, which says how fresh that is).
 */
@Component
public class Outbox {

    /** The outbox type of {@link ConsentWithdrawn}: for Shared Signals streams only, never a webhook type. */
    public static final String CONSENT_WITHDRAWN = "consent.withdrawn";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Interest interest;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, Interest interest) {
        this.jdbc = jdbc;
        this.interest = interest;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(AccountEvent event) {
        write(event.account(), event.otherAccount(), event.type(), event.data());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(AccountClosed closed) {
        on(new AccountEvent("account.closed", closed.memberId(), null, Map.of("memberId", closed.memberId())));
    }

    /**
     * A withdrawn consent is no webhook event (DESIGN.md section 6 lists none); its row, of a type only
     * Shared Signals streams hear ({@code consent.withdrawn}), carries the app, since by the time it is
     * fanned out the consent that tied the member to the app is gone.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ConsentWithdrawn withdrawn) {
        write(withdrawn.memberId(), null, CONSENT_WITHDRAWN, Map.of("memberId", withdrawn.memberId(), "clientId", withdrawn.clientId()));
    }

    private void write(String account, String otherAccount, String type, Map<String, Object> data) {
        if (!interest.wants(type)) {
            return;
        }
        // The instant also as a number: the TIMESTAMP keeps whole seconds on MariaDB 10.x, and the body's timestamp
        // is this instant to the millisecond (docs/integrators-events.md; black-box finding, 2026-12-07).
        Instant occurred = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("INSERT INTO events_outbox (account_id, id, other_account, type, data, occurred_at, occurred_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                account, OpaqueIds.next("evt"), otherAccount, type, json.writeValueAsString(data), Timestamp.from(occurred), occurred.toEpochMilli());
    }
}
