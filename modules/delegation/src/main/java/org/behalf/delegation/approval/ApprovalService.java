package org.behalf.delegation.approval;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.delegation.enforcement.RequestInfos;
import org.behalf.identity.api.Caller;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.InvalidRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review of delegated changes (DESIGN.md section 6, approvals): a delegate's write under a scope
 * the holder marked for review is staged instead of done; the holder approves it, and it is then
 * applied with the holder's own authority, or rejects it, and nothing happens. Each step is an
 * activity entry of the holder's account.
 */
@Service
public class ApprovalService {

    /** The largest request body a staged change may carry. */
    public static final int MAX_BODY = 64 * 1024;
    private static final Set<String> STATUSES = Set.of("pending", "applied", "failed", "rejected");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApprovalRepository approvals;
    private final ApprovalReplay replay;
    private final ActivityRecorder activity;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApprovalService(ApprovalRepository approvals, ApprovalReplay replay, ActivityRecorder activity, Clock clock,
                    ApplicationEventPublisher events) {
        this.events = events;
        this.approvals = approvals;
        this.replay = replay;
        this.activity = activity;
        this.clock = clock;
    }

    /** Called by enforcement, in the delegated request's own transaction, after the grant allowed it. */
    public Approval stage(Caller delegate, String scope, String action, String method, String path, String contentType,
                          String body) {
        Approval staged = new Approval(newId(), delegate.subject(), delegate.grantId(), delegate.actor(), delegate.clientId(),
                action, scope, method, path, contentType, body, "pending", clock.instant(), null, null, null);
        approvals.insert(staged);
        publish("approval.requested", staged);
        return staged;
    }

    @Transactional(readOnly = true)
    public List<Approval> list(Caller holder, String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequest("status", "One of pending, applied, failed, rejected.");
        }
        return approvals.byHolder(holder.subject(), status, limit);
    }

    /**
     * Applies the staged request through the API with the holder's token, so every rule of the
     * endpoint holds at the time of approval (the profile's validation, a connection still there);
     * a refusal leaves the approval {@code failed} with the reason.
     */
    @Transactional
    public Approval approve(Caller holder, String id, HttpServletRequest approving) {
        Approval pending = pendingOf(holder, id);
        ApprovalReplay.Answer answer = replay.apply(approving, pending);
        Approval decided = pending.decided(answer.succeeded() ? "applied" : "failed", clock.instant(), answer.status(),
                answer.detail());
        approvals.decide(decided);
        record(holder, decided, "approval.approve");
        return decided;
    }

    @Transactional
    public Approval reject(Caller holder, String id) {
        Approval decided = pendingOf(holder, id).decided("rejected", clock.instant(), null, null);
        approvals.decide(decided);
        record(holder, decided, "approval.reject");
        return decided;
    }

    /** Another holder's approval answers like a missing one (SECURITY-CASES 20). */
    private Approval pendingOf(Caller holder, String id) {
        Approval approval = approvals.lock(id).filter(a -> a.holderId().equals(holder.subject()))
                .orElseThrow(InvalidRequest::notFound);
        if (!approval.status().equals("pending")) {
            throw InvalidRequest.conflict("This change was already " + approval.status() + ".");
        }
        return approval;
    }

    private void record(Caller holder, Approval decided, String action) {
        List<ActivityEvent.Change> changes = decided.resultStatus() == null
                ? List.of(new ActivityEvent.Change("status", "pending", decided.status()))
                : List.of(new ActivityEvent.Change("status", "pending", decided.status()),
                        new ActivityEvent.Change("result", null, decided.resultStatus() + " " + decided.result()));
        activity.record(new ActivityEvent(holder.subject(), new Actor(Actor.Kind.HOLDER, holder.subject()), decided.grantId(),
                holder.clientId(), action, new ActivityEvent.Target("approval", decided.id()), ActivityEvent.Outcome.SUCCESS,
                null, changes, RequestInfos.current()));
        publish("approval.decided", decided);
    }

    /** DESIGN.md section 6: the holder's and the delegate's accounts hear of it; the staged body stays out. */
    private void publish(String type, Approval approval) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("approvalId", approval.id());
        data.put("grantId", approval.grantId());
        data.put("action", approval.action());
        data.put("status", approval.status());
        events.publishEvent(new AccountEvent(type, approval.holderId(), approval.delegateId(), data));
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "apr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
