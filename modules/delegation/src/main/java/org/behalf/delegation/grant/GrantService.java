package org.behalf.delegation.grant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityEvent.Outcome;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.IpRange;
import org.behalf.delegation.api.PlainWords;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.SecondFactor;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.TextField;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifecycle of grants (DESIGN.md section 2 rules 3 and 4): a holder creates, changes and
 * revokes; the delegate accepts, declines or resigns. Each transition writes an activity entry in
 * the holder's log in the same transaction. What a request may say is {@link GrantRules}.
 */
@Service
public class GrantService {

    private final GrantRepository grants;
    private final MemberDirectory members;
    private final ActivityRecorder activity;
    private final GrantSettings settings;
    private final Clock clock;
    private final SecondFactor secondFactor;
    private final GrantEvents events;
    private final ObjectProvider<RequestState> requests;
    private final RefusedSteps refusedSteps;

    GrantService(GrantRepository grants, MemberDirectory members, ActivityRecorder activity,
                 GrantSettings settings, Clock clock, SecondFactor secondFactor, GrantEvents events,
                 ObjectProvider<RequestState> requests, RefusedSteps refusedSteps) {
        this.requests = requests;
        this.refusedSteps = refusedSteps;
        this.events = events;
        this.grants = grants;
        this.members = members;
        this.activity = activity;
        this.settings = settings;
        this.clock = clock;
        this.secondFactor = secondFactor;
    }

    /**
     * Creates a pending grant. The answer is the same whether or not the invited person has an
     * account (SECURITY-CASES 27): a grant to nobody simply lapses.
     */
    @Transactional
    public Grant create(Caller holder, GrantRequest request) {
        Instant now = now();
        String invited = GrantRules.delegate(request.delegate());
        Set<String> scopes = GrantRules.scopes(request.scopes());
        Set<String> review = GrantRules.review(request.review(), scopes);
        String delegateId = members.findByHandleOrEmail(invited).map(MemberDirectory.MemberRef::id).orElse(null);
        if (holder.subject().equals(delegateId)) {
            throw new InvalidRequest("delegate", "You cannot grant access to yourself.");
        }
        // The terms are shown to the delegate, where a control character could drive their terminal
        // (found by black-box testing, 2026-12-06); the hash the delegate accepts is of the text as stored.
        String terms = TextField.check("terms", request.terms(), GrantRules.MAX_TERMS);
        GrantRules.zoneNamedFor(request);
        Grant grant = new Grant(OpaqueIds.next(Grant.ID_PREFIX), holder.subject(), delegateId, invited, GrantStatus.PENDING,
                scopes, review, GrantRules.note(request.note()), terms, null,
                GrantRules.quotas(request.quotas(), scopes), GrantRules.window(request.window()), GrantRules.zone(request.timeZone()),
                GrantRules.ipRanges(request.ipRanges()), now,
                GrantRules.expiry(request.expiresAt(), now, now.plus(settings.defaultLifetime()), settings.maxLifetime()),
                null, null, null);

        requireSecondFactor(holder, request.otp(), "to create a grant");
        grants.lockHolder(holder.subject());
        if (grants.countOpen(holder.subject(), now) >= settings.maxOpenGrants()) {
            throw InvalidRequest.conflict("You already have " + settings.maxOpenGrants()
                    + " pending or active grants, the most allowed; revoke one first.");
        }
        grants.insert(grant);
        record(grant, holder, "delegation.create", List.of(
                new ActivityEvent.Change("scopes", null, List.copyOf(new TreeSet<>(scopes))),
                new ActivityEvent.Change("expiresAt", null, grant.expiresAt().toString())));
        return grant;
    }

    @Transactional
    public Grant accept(Caller delegate, String id) {
        Grant grant = ownGrantAsDelegate(delegate, id);
        requireStatusForHelper(grant, delegate, GrantStatus.PENDING, "delegation.accept");
        Grant accepted = grant.with(GrantStatus.ACTIVE, now(), null, sha256(grant.terms() == null ? "" : grant.terms()));
        grants.update(accepted);
        record(accepted, delegate, "delegation.accept", List.of(
                new ActivityEvent.Change("status", "pending", "active"),
                new ActivityEvent.Change("termsHash", null, accepted.termsHash())));
        return accepted;
    }

    @Transactional
    public Grant decline(Caller delegate, String id) {
        Grant grant = ownGrantAsDelegate(delegate, id);
        requireStatusForHelper(grant, delegate, GrantStatus.PENDING, "delegation.decline");
        return end(grant, delegate, GrantStatus.PENDING, GrantStatus.DECLINED, "delegation.decline");
    }

    @Transactional
    public Grant resign(Caller delegate, String id) {
        Grant grant = ownGrantAsDelegate(delegate, id);
        requireStatusForHelper(grant, delegate, GrantStatus.ACTIVE, "delegation.resign");
        return end(grant, delegate, GrantStatus.ACTIVE, GrantStatus.RESIGNED, "delegation.resign");
    }

    @Transactional
    public Grant revoke(Caller holder, String id) {
        Grant grant = ownGrantAsHolder(holder, id);
        GrantStatus current = grant.statusAt(now());
        if (!current.open()) {
            throw InvalidRequest.conflict("The grant is already " + current.value() + ".");
        }
        return end(grant, holder, current, GrantStatus.REVOKED, "delegation.revoke");
    }

    /** Revokes every pending and active grant of the holder; answers the grants it ended. */
    @Transactional
    public List<Grant> revokeAll(Caller holder) {
        Instant now = now();
        List<Grant> ended = new ArrayList<>();
        for (Grant grant : grants.lockOpenByHolder(holder.subject())) {
            GrantStatus status = grant.statusAt(now);
            if (status.open()) {
                ended.add(end(grant, holder, status, GrantStatus.REVOKED, "delegation.revoke"));
            }
        }
        return ended;
    }

    /**
     * A closed account's grants end on both sides (SECURITY-CASES 30): those it gave are revoked,
     * those it was given are resigned, each recorded in the holder's log like any other ending.
     */
    @Transactional
    public void endAllOf(String memberId) {
        Instant now = now();
        Caller member = new Caller(memberId, null, null, Set.of(), null, null, Caller.Kind.HOLDER);
        for (Grant grant : grants.lockOpenByHolder(memberId)) {
            GrantStatus status = grant.statusAt(now);
            if (status.open()) {
                end(grant, member, status, GrantStatus.REVOKED, "delegation.revoke");
            }
        }
        for (Grant grant : grants.lockOpenByDelegate(memberId)) {
            GrantStatus status = grant.statusAt(now);
            if (status.open()) {
                end(grant, member, status, status == GrantStatus.PENDING ? GrantStatus.DECLINED : GrantStatus.RESIGNED,
                        status == GrantStatus.PENDING ? "delegation.decline" : "delegation.resign");
            }
        }
    }

    /**
     * Narrows (scopes), extends or shortens (expiry) and re-bounds an open grant. Scopes can only
     * shrink: widening would give the delegate what they never accepted.
     */
    @Transactional
    public Grant change(Caller holder, String id, GrantRequest request) {
        GrantRules.keepsHelperAndTerms(request);
        Grant grant = ownGrantAsHolder(holder, id);
        Instant now = now();
        GrantStatus status = grant.statusAt(now);
        if (!status.open()) {
            throw InvalidRequest.conflict("The grant is " + status.value() + "; only pending or active grants change.");
        }
        List<ActivityEvent.Change> changes = new ArrayList<>();
        Set<String> scopes = grant.scopes();
        if (request.scopes() != null) {
            scopes = GrantRules.narrowed(grant.scopes(), request.scopes());
            noteChange(changes, "scopes", sorted(grant.scopes()), sorted(scopes));
        }
        Set<String> review = request.review() == null ? GrantRules.retain(grant.review(), scopes)
                : GrantRules.review(request.review(), scopes);
        Map<String, Integer> quotas = request.quotas() == null ? GrantRules.retain(grant.quotas(), scopes)
                : GrantRules.quotas(request.quotas(), scopes);
        AccessWindow window = request.window() == null ? grant.window() : GrantRules.window(request.window());
        ZoneId zone = request.timeZone() == null ? grant.timeZone() : GrantRules.zone(request.timeZone());
        if (window != null && "".equals(request.timeZone())) {
            // The hours are the holder's: cleared, their zone would silently become UTC.
            throw new InvalidRequest("timeZone", "The days and hours are in this time zone: name another (IANA, e.g. Europe/Paris) "
                    + "or remove the hours too.");
        }
        List<IpRange> ranges = request.ipRanges() == null ? grant.ipRanges() : GrantRules.ipRanges(request.ipRanges());
        Instant expiresAt = request.expiresAt() == null ? grant.expiresAt()
                : GrantRules.expiry(request.expiresAt(), now, null, settings.maxLifetime());
        String note = request.note() == null ? grant.note() : GrantRules.note(request.note());
        noteChange(changes, "review", sorted(grant.review()), sorted(review));
        noteChange(changes, "quotas", grant.quotas(), quotas);
        noteChange(changes, "window", describe(grant.window()), describe(window));
        noteChange(changes, "timeZone", grant.timeZone().getId(), zone.getId());
        noteChange(changes, "ipRanges", grant.ipRanges().stream().map(IpRange::cidr).toList(), ranges.stream().map(IpRange::cidr).toList());
        noteChange(changes, "expiresAt", grant.expiresAt().toString(), expiresAt.toString());
        noteChange(changes, "note", grant.note(), note);
        if (changes.isEmpty()) {
            // Nothing to store, and no entry saying "changed" about nothing (black-box testing, 2026-12-06).
            return grant;
        }

        Grant changed = new Grant(grant.id(), grant.holderId(), grant.delegateId(), grant.invited(), grant.status(), scopes,
                review, note, grant.terms(), grant.termsHash(), quotas, window, zone, ranges, grant.createdAt(), expiresAt,
                grant.acceptedAt(), grant.endedAt(), grant.lastActivityAt());
        List<String> more = widenings(grant, changed);
        if (!more.isEmpty()) {
            requireSecondFactor(holder, request.otp(), "for a change that gives the helper more: " + PlainWords.and(more));
        }
        grants.update(changed);
        record(changed, holder, "delegation.update", changes);
        return changed;
    }

    /**
     * What a change gives the delegate beyond what they had, in the holder's words; empty when it
     * gives nothing more. (Scopes only ever narrow.) Hours and address ranges that only narrow give
     * nothing more and need no code (docs/oauth.md; black-box finding, 2026-12-07: any change of
     * them, narrowing included, asked for one); a change of the time zone of hours shifts them, and
     * counts as more.
     */
    static List<String> widenings(Grant before, Grant after) {
        List<String> more = new ArrayList<>();
        if (after.expiresAt().isAfter(before.expiresAt())) {
            more.add("a later end");
        }
        if (!after.review().containsAll(before.review())) {
            more.add("less review");
        }
        if (before.quotas().entrySet().stream().anyMatch(q -> after.scopes().contains(q.getKey())
                && after.quotas().getOrDefault(q.getKey(), Integer.MAX_VALUE) > q.getValue())) {
            more.add("a higher daily limit (or none)");
        }
        if (before.window() != null && (after.window() == null || !before.timeZone().equals(after.timeZone())
                || !after.window().within(before.window()))) {
            more.add("more days or hours (or no limit on them)");
        }
        if (!before.ipRanges().isEmpty() && (after.ipRanges().isEmpty()
                || after.ipRanges().stream().anyMatch(range -> before.ipRanges().stream().noneMatch(range::within)))) {
            more.add("more addresses (or any)");
        }
        return more;
    }

    /** Issue 3: with two-step sign-in on, creating a grant or giving it more needs a current one-time code. */
    private void requireSecondFactor(Caller holder, String otp, String why) {
        if (secondFactor.enabled(holder.subject()) && !secondFactor.verifyOrThrottled(holder.subject(), otp)) {
            throw new InvalidRequest("otp", otp == null || otp.isBlank()
                    ? "Two-step sign-in is on: give the current one-time code " + why + "."
                    : "That one-time code is not the current one (or was used already).");
        }
    }

    public Grant getAsHolder(Caller holder, String id) {
        return grants.find(id).filter(g -> g.holderId().equals(holder.subject())).orElseThrow(InvalidRequest::notFound);
    }

    public Grant getAsDelegate(Caller delegate, String id) {
        return grants.find(id).filter(g -> delegate.subject().equals(g.delegateId())).orElseThrow(InvalidRequest::notFound);
    }

    /** A page of the holder's grants, newest first; {@code after} is the previous page's last id. */
    public List<Grant> listAsHolder(Caller holder, String after, int limit) {
        return grants.byHolder(holder.subject(), after == null ? null : cursor(after, g -> g.holderId().equals(holder.subject())),
                limit);
    }

    public List<Grant> listAsDelegate(Caller delegate, String after, int limit) {
        return grants.byDelegate(delegate.subject(), after == null ? null : cursor(after, g -> delegate.subject().equals(g.delegateId())),
                limit);
    }

    /** The grant a cursor names: one of the caller's own, else the cursor is bad (and tells nothing). */
    private Grant cursor(String id, java.util.function.Predicate<Grant> own) {
        return grants.find(id).filter(own).orElseThrow(() -> new InvalidRequest("cursor", "This cursor is not one of this list's."));
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Grant end(Grant grant, Caller caller, GrantStatus expected, GrantStatus to, String action) {
        requireStatus(grant, expected);
        Grant ended = grant.with(to, grant.acceptedAt(), now(), grant.termsHash());
        grants.update(ended);
        record(ended, caller, action, List.of(new ActivityEvent.Change("status", expected.value(), to.value())));
        return ended;
    }

    /** The helper's step refused for the grant's state is recorded in the holder's log, as the step would be ({@link RefusedSteps}). */
    private void requireStatusForHelper(Grant grant, Caller helper, GrantStatus expected, String action) {
        try {
            requireStatus(grant, expected);
        } catch (InvalidRequest refused) {
            refusedSteps.record(grant, helper, action, refused.getBody().getDetail());
            throw refused;
        }
    }

    private void requireStatus(Grant grant, GrantStatus expected) {
        GrantStatus actual = grant.statusAt(now());
        if (actual != expected) {
            throw InvalidRequest.conflict("The grant is " + actual.value() + ", not " + expected.value() + ".");
        }
    }

    /** Someone else's grant answers exactly like a missing one (SECURITY-CASES 20). */
    private Grant ownGrantAsHolder(Caller holder, String id) {
        return grants.lock(id).filter(g -> g.holderId().equals(holder.subject())).orElseThrow(InvalidRequest::notFound);
    }

    private Grant ownGrantAsDelegate(Caller delegate, String id) {
        return grants.lock(id).filter(g -> delegate.subject().equals(g.delegateId())).orElseThrow(InvalidRequest::notFound);
    }

    private void record(Grant grant, Caller caller, String action, List<ActivityEvent.Change> changes) {
        Actor actor = caller.subject().equals(grant.holderId())
                ? new Actor(Actor.Kind.HOLDER, caller.subject())
                : new Actor(Actor.Kind.DELEGATE, caller.subject());
        activity.record(new ActivityEvent(grant.holderId(), actor, grant.id(), caller.clientId(), action,
                new ActivityEvent.Target("grant", grant.id()), Outcome.SUCCESS, null, changes, RequestInfos.of(RequestState.of(requests))));
        events.publish(action, grant);
    }

    private static void noteChange(List<ActivityEvent.Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new ActivityEvent.Change(field, before, after));
        }
    }

    private static List<String> sorted(Set<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static String describe(AccessWindow window) {
        return window == null ? null : new TreeSet<>(window.days()) + " " + window.start() + "-" + window.end();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
