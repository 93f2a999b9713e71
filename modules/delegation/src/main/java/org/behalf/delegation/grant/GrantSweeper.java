package org.behalf.delegation.grant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the transitions nobody asks for: a grant reaching its expiry, a pending grant lapsing
 * after seven days (issue 4: "each transition is recorded in the activity log"). Enforcement never
 * waits for this: {@link Grant#statusAt(Instant)} already ends a grant on time; the sweep writes the
 * stored status and the holder's activity entry, once, whichever node gets the row lock first.
 */
@Component
public class GrantSweeper {

    private static final int BATCH = 500;

    private final GrantRepository grants;
    private final ActivityRecorder activity;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GrantEvents events;

    GrantSweeper(GrantRepository grants, ActivityRecorder activity, TransactionTemplate transactions, Clock clock, GrantEvents events) {
        this.events = events;
        this.grants = grants;
        this.activity = activity;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Sweeps what is overdue now; answers how many grants it ended. */
    @Scheduled(fixedDelayString = "${behalf.delegation.sweep-interval:60s}", initialDelayString = "${behalf.delegation.sweep-interval:60s}")
    public int sweep() {
        int ended = 0;
        List<String> due;
        do {
            due = grants.overdue(clock.instant(), BATCH);
            for (String id : due) {
                ended += Boolean.TRUE.equals(transactions.execute(status -> end(id))) ? 1 : 0;
            }
        } while (due.size() == BATCH);
        return ended;
    }

    private boolean end(String id) {
        Instant now = clock.instant();
        Grant grant = grants.lock(id).orElse(null);
        if (grant == null || !grant.status().open()) {
            return false;
        }
        GrantStatus reached = grant.statusAt(now);
        if (reached.open()) {
            return false;
        }
        Instant at = reached == GrantStatus.EXPIRED ? grant.expiresAt() : grant.createdAt().plus(Grant.PENDING_LIFETIME);
        Grant ended = grant.with(reached, grant.acceptedAt(), at, grant.termsHash());
        grants.update(ended);
        String action = reached == GrantStatus.EXPIRED ? "delegation.expire" : "delegation.lapse";
        events.publish(action, ended);
        activity.record(new ActivityEvent(grant.holderId(), new Actor(Actor.Kind.SYSTEM, "behalf"), grant.id(), null,
                action,
                new ActivityEvent.Target("grant", grant.id()), ActivityEvent.Outcome.SUCCESS, null,
                List.of(new ActivityEvent.Change("status", grant.status().value(), reached.value())), ActivityEvent.RequestInfo.NONE));
        return true;
    }
}
