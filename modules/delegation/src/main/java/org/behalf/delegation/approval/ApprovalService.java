package org.behalf.delegation.approval;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.delegation.api.ChangePreview;
import org.behalf.delegation.api.HeldChangeRules;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.PlainWords;
import org.behalf.delegation.api.Scope;
import org.behalf.delegation.grant.GrantRepository;
import org.behalf.identity.api.AccountEvent;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

    private final ApprovalRepository approvals;
    private final ApprovalReplay replay;
    private final ActivityRecorder activity;
    private final Clock clock;
    private final List<ChangePreview> previews;
    private final List<HeldChangeRules> rules;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RequestState> requests;
    private final GrantRepository grants;

    ApprovalService(ApprovalRepository approvals, ApprovalReplay replay, ActivityRecorder activity, Clock clock,
                    List<ChangePreview> previews, List<HeldChangeRules> rules, JsonMapper json, ApplicationEventPublisher events,
                    ObjectProvider<RequestState> requests, GrantRepository grants) {
        this.rules = rules;
        this.grants = grants;
        this.requests = requests;
        this.events = events;
        this.approvals = approvals;
        this.replay = replay;
        this.activity = activity;
        this.clock = clock;
        this.previews = previews;
        this.json = json;
    }

    /** What a held change stores per field it sets (see {@link Approval#changes()}). */
    record Proposed(String field, String label, Object before, Object after) {
    }

    /**
     * Called by enforcement, in the delegated request's own transaction, after the grant allowed it.
     * The request is kept exactly as sent (only the fields it sets are ever applied: issue 18 item 1),
     * and with it, per field, the value at this moment and the value proposed. The owning module's rules that read
     * nothing stored are checked first ({@link HeldChangeRules}).
     */
    public Approval stage(Caller delegate, String scope, HeldChangeRules.Change change) {
        String action = change.action();
        String body = change.body();
        rules.stream().filter(r -> r.handles(action)).forEach(r -> r.check(change));
        Optional<ChangePreview> reader = previewOf(action);
        List<Proposed> fields = reader.map(p -> p.preview(delegate.subject(), body)).orElse(List.of()).stream()
                .map(f -> new Proposed(f.field(), f.label(), f.current(), f.proposed())).toList();
        if (fields.isEmpty() && reader.isPresent()) {
            // A change its module reads field by field that sets no field ({} or only nulls) would be held as ready
            // and approved to no effect (black-box finding): nothing to review.
            throw InvalidRequest.setsNothing();
        }
        Approval staged = new Approval(OpaqueIds.next(Approval.ID_PREFIX), delegate.subject(), delegate.grantId(), delegate.actor(), delegate.clientId(),
                action, scope, change.method(), change.path(), change.contentType(), body, "pending", clock.instant(), null, null, null,
                fields.isEmpty() ? null : json.writeValueAsString(fields));
        approvals.insert(staged);
        publish("approval.requested", staged);
        return staged;
    }

    @Transactional(readOnly = true)
    public List<Approval> list(Caller holder, String status, int limit) {
        return approvals.byHolder(holder.subject(), checked(status), limit);
    }

    /** The changes this member proposed as a helper, to any account: their own record of their work. */
    @Transactional(readOnly = true)
    public List<Approval> proposedBy(Caller delegate, String status, int limit) {
        return approvals.byDelegate(delegate.subject(), checked(status), limit);
    }

    /**
     * Per field the change sets, its recorded before and after; for a pending change also its value
     * now, and whether it was changed since (the holder's view). {@code now} false: the recorded
     * values only (the holder's activity entry of the request).
     */
    public List<FieldState> fields(Approval approval, boolean now) {
        List<Proposed> proposed = proposed(approval);
        if (!now || !approval.status().equals("pending") || proposed.isEmpty()) {
            return proposed.stream().map(p -> new FieldState(p.field(), p.label(), p.before(), p.after(), null, false)).toList();
        }
        Map<String, Object> current = new java.util.HashMap<>();
        preview(approval.holderId(), approval.action(), approval.body()).forEach(f -> current.put(f.field(), f.current()));
        List<FieldState> states = new ArrayList<>();
        for (Proposed p : proposed) {
            Object value = current.get(p.field());
            states.add(new FieldState(p.field(), p.label(), p.before(), p.after(), value, !same(value, p.before())));
        }
        return states;
    }

    /**
     * Per field the change sets, the value proposed and nothing of the account: the helper's view of what they
     * proposed. The value before is the holder's, which the helper may not read: with {@code profile:write}
     * alone, the list showed the private summary and location as they were (black-box finding, 2026-12-07;
     * DESIGN.md section 4, reading and changing are separate scopes).
     */
    public List<FieldState> proposal(Approval approval) {
        return proposed(approval).stream().map(p -> new FieldState(p.field(), p.label(), null, p.after(), null, false)).toList();
    }

    /**
     * A pending change's state for the holder: {@code conflict} when a field it sets was changed
     * since it was proposed, {@code no-effect} when every field already holds the proposed value
     * (out of date: approving changes nothing), else {@code ready}; null once decided.
     */
    public String state(Approval approval, List<FieldState> fields) {
        if (!approval.status().equals("pending")) {
            return null;
        }
        if (fields.stream().anyMatch(FieldState::conflict)) {
            return "conflict";
        }
        return !fields.isEmpty() && fields.stream().allMatch(f -> same(f.current(), f.after())) ? "no-effect" : "ready";
    }

    private String checked(String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequest("status", "One of pending, applied, failed, rejected.");
        }
        return status;
    }

    private List<ChangePreview.Field> preview(String account, String action, String body) {
        return previewOf(action).map(p -> p.preview(account, body)).orElse(List.of());
    }

    /** The module's reader of this action's bodies, if one reads them field by field. */
    private Optional<ChangePreview> previewOf(String action) {
        return previews.stream().filter(p -> p.handles(action)).findFirst();
    }

    private List<Proposed> proposed(Approval approval) {
        return approval.changes() == null ? List.of() : json.readValue(approval.changes(), new TypeReference<List<Proposed>>() { });
    }

    /** JSON values compared as JSON (a list read back from storage equals the list it was). */
    private boolean same(Object a, Object b) {
        return Objects.equals(json.valueToTree(a), json.valueToTree(b));
    }

    /**
     * Applies the staged request through the API with the holder's token, so every rule of the
     * endpoint holds at the time of approval (the profile's validation, a connection still there);
     * a refusal leaves the approval {@code failed} with the reason.
     */
    @Transactional
    public Approval approve(Caller holder, String id, boolean overwrite, HttpServletRequest approving) {
        Approval pending = pendingOf(holder, id);
        // DESIGN.md section 2 rule 5: an ended grant gives nothing, the changes held under it included
        // (they stayed approvable after a revocation: black-box finding). A narrowed one gives what it still allows.
        // Read locked, as a delegated request checks it (GrantRepository#lock) and kept locked until the change is
        // applied: a revocation or narrowing waits for an approval checked before it, and an approval waits for one
        // in flight, then sees it. A plain read let an approval racing a revocation apply after the revocation had
        // committed (black-box finding, 2026-12-07).
        Grant grant = grants.lock(pending.grantId()).orElse(null);
        if (grant == null || grant.statusAt(clock.instant()) != GrantStatus.ACTIVE) {
            throw InvalidRequest.conflict("The access this change was proposed under has ended, so it can no longer be approved; "
                    + "make the change yourself if you still want it.");
        }
        if (pending.scope() != null && !grant.scopes().contains(pending.scope())) {
            throw InvalidRequest.conflict("The access this change was proposed under no longer includes " + Scope.quoted(pending.scope())
                    + ", so it can no longer be approved; make the change yourself if you still want it.");
        }
        // Issue 18 item 1: a field changed since the helper proposed this is never overwritten
        // silently; the holder sees which, and confirms.
        List<String> changedSince = fields(pending, true).stream().filter(FieldState::conflict).map(FieldState::label).toList();
        if (!changedSince.isEmpty() && !overwrite) {
            InvalidRequest conflict = InvalidRequest.conflict(PlainWords.and(changedSince) + (changedSince.size() == 1 ? " was" : " were")
                    + " changed after this was proposed; approving it would replace the newer "
                    + (changedSince.size() == 1 ? "value" : "values") + ". Confirm to overwrite.");
            conflict.getBody().setProperty("fields", fields(pending, true).stream().filter(FieldState::conflict)
                    .map(FieldState::field).toList());
            throw conflict;
        }
        ApprovalReplay.Answer answer = replay.apply(approving, pending);
        Approval decided = pending.decided(answer.succeeded() ? "applied" : "failed", clock.instant(), answer.status(),
                answer.detail());
        approvals.decide(decided);
        record(holder, decided, "approval.approve", changedSince);
        return decided;
    }

    @Transactional
    public Approval reject(Caller holder, String id) {
        Approval decided = pendingOf(holder, id).decided("rejected", clock.instant(), null, null);
        approvals.decide(decided);
        record(holder, decided, "approval.reject", List.of());
        return decided;
    }

    /** Another holder's approval answers like a missing one (SECURITY-CASES 20). */
    private Approval pendingOf(Caller holder, String id) {
        Approval approval = approvals.lock(id).filter(a -> a.holderId().equals(holder.subject()))
                .orElseThrow(InvalidRequest::notFound);
        // Named once it is known to be the holder's own: a refused decision is recorded too, naming the change it tried
        // by its id as stored (docs/security.md rule 26).
        RequestState.of(requests).notes().target("approval", approval.id());
        if (!approval.status().equals("pending")) {
            throw InvalidRequest.conflict("This change was already " + approval.status() + ".");
        }
        return approval;
    }

    private void record(Caller holder, Approval decided, String action, List<String> overwritten) {
        List<ActivityEvent.Change> changes = new ArrayList<>();
        changes.add(new ActivityEvent.Change("status", "pending", decided.status()));
        if (decided.resultStatus() != null) {
            changes.add(new ActivityEvent.Change("result", null, decided.resultStatus() + " " + decided.result()));
        }
        if (!overwritten.isEmpty()) {
            changes.add(new ActivityEvent.Change("overwrote", null, overwritten));
        }
        activity.record(new ActivityEvent(holder.subject(), new Actor(Actor.Kind.HOLDER, holder.subject()), decided.grantId(),
                holder.clientId(), action, new ActivityEvent.Target("approval", decided.id()), ActivityEvent.Outcome.SUCCESS,
                null, changes, RequestInfos.of(RequestState.of(requests))));
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
}
