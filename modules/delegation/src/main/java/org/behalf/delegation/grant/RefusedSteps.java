package org.behalf.delegation.grant;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityEvent.Outcome;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.enforcement.Conflicts;
import org.behalf.kernel.Caller;
import org.behalf.kernel.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A helper's step on their own grant (accept, decline, resign) refused because the grant is not in
 * the state the step needs, recorded in the holder's log as the step itself would have been
 * (DESIGN.md section 2 rule 6; docs/delegation.md): a holder sees that a helper whose access they
 * revoked, or whose offer expired, kept trying to take it up (black-box finding, 2026-12-07: the
 * 409 left no entry anywhere). The request's transaction rolls back with the refusal, so the entry
 * is written apart once it has, in a transaction of its own, run again after a deadlock or
 * certification conflict as every entry written apart is ({@link Conflicts#ofRecords}); written
 * inside, it would append to the holder's chain while the grant's row lock is still held.
 */
@Component
class RefusedSteps {

    private static final Logger log = LoggerFactory.getLogger(RefusedSteps.class);

    private final ActivityRecorder activity;
    private final TransactionTemplate apart;
    private final Conflicts conflicts;
    private final ObjectProvider<RequestState> requests;

    RefusedSteps(ActivityRecorder activity, PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters,
                 ObjectProvider<RequestState> requests) {
        this.activity = activity;
        this.apart = new TransactionTemplate(transactions);
        // Called back while the rolled-back transaction's connection is still bound: a transaction of its own.
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.conflicts = Conflicts.ofRecords(meters.getIfAvailable(SimpleMeterRegistry::new));
        this.requests = requests;
    }

    /** Records the helper's refused {@code action} on {@code grant}, with {@code reason}, once the current transaction has ended. */
    void record(Grant grant, Caller helper, String action, String reason) {
        ActivityEvent event = new ActivityEvent(grant.holderId(), new Actor(Actor.Kind.DELEGATE, helper.subject()), grant.id(),
                helper.clientId(), action, new ActivityEvent.Target("grant", grant.id()), Outcome.DENIED, reason, List.of(),
                RequestInfos.of(RequestState.of(requests)));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                write(event);
            }
        });
    }

    private void write(ActivityEvent event) {
        try {
            conflicts.run(() -> apart.execute(status -> activity.record(event)));
        } catch (RuntimeException databaseDown) {
            // Nothing of the step was kept either, and the answer already says it was refused.
            log.warn("A helper's refused step could not be recorded: {}", databaseDown.getClass().getSimpleName());
        }
    }
}
