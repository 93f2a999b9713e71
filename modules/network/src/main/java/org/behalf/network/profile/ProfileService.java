package org.behalf.network.profile;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.behalf.audit.api.GrantOffers;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.MemberRegistered;
import org.behalf.kernel.ActivityNotes;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.behalf.network.members.NetworkMembers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and edits profiles; each edit notes a field-level diff for the activity log. */
@Service
class ProfileService {

    private final ProfileRepository profiles;
    private final MemberDirectory members;
    private final GrantOffers offers;
    private final NetworkMembers network;
    private final Clock clock;

    private final ApplicationEventPublisher events;
    private final ObjectProvider<RequestState> requests;

    ProfileService(ProfileRepository profiles, MemberDirectory members, GrantOffers offers, NetworkMembers network, Clock clock,
                   ApplicationEventPublisher events, ObjectProvider<RequestState> requests) {
        this.offers = offers;
        this.requests = requests;
        this.events = events;
        this.profiles = profiles;
        this.members = members;
        this.network = network;
        this.clock = clock;
    }

    /** Every member has a profile from sign-up on, so that an edit has a row to lock (see {@link ProfileRepository#lock}). */
    @EventListener
    void onRegistered(MemberRegistered member) {
        profiles.create(member.memberId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    ProfileView own(String memberId) {
        MemberDirectory.MemberRef member = members.findById(memberId).orElseThrow(InvalidRequest::notFound);
        RequestState.of(requests).notes().target("profile", memberId);
        return ProfileView.full(member, profile(memberId));
    }

    /**
     * Another member's public profile, as {@code reader} may see it; private fields stay out. An AI
     * assistant is not in the network: it is not found, as nobody is (docs/agents.md; it answered a
     * profile to anyone, black-box finding, 2026-12-07), but by a holder who has offered it a grant,
     * to whom it is a helper the console names like any other (its helpers and activity pages).
     */
    ProfileView publicProfile(String reader, String memberId) {
        // Only the member of exactly this id (NetworkMembers#summaries; docs/security.md rule 26).
        MemberDirectory.MemberRef member = members.findById(memberId).filter(found -> found.id().equals(memberId))
                .filter(found -> !members.isAgent(found.id()) || offers.everOffered(reader, found.id()))
                .orElseThrow(InvalidRequest::notFound);
        RequestState.of(requests).notes().target("member", memberId);
        return ProfileView.publicOf(member, profile(memberId));
    }

    @Transactional
    ProfileView change(String memberId, ProfileChange change) {
        MemberDirectory.MemberRef member = members.findById(memberId).orElseThrow(InvalidRequest::notFound);
        ProfileChange checked = ProfileRules.check(change);
        Profile before = profiles.lock(memberId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Profile after = new Profile(memberId, or(checked.headline(), before.headline()), or(checked.summary(), before.summary()),
                or(checked.location(), before.location()), or(checked.positions(), before.positions().items()),
                or(checked.education(), before.education().items()), or(checked.skills(), before.skills().items()),
                checked.privateFields() == null ? before.privateFields().names() : Set.copyOf(checked.privateFields()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ActivityNotes notes = RequestState.of(requests).notes().target("profile", memberId);
        diff(notes, "headline", before.headline(), after.headline());
        diff(notes, "summary", before.summary(), after.summary());
        diff(notes, "location", before.location(), after.location());
        diff(notes, "positions", before.positions().items(), after.positions().items());
        diff(notes, "education", before.education().items(), after.education().items());
        diff(notes, "skills", before.skills().items(), after.skills().items());
        diff(notes, "privateFields", sorted(before.privateFields().names()), sorted(after.privateFields().names()));
        profiles.update(after);
        // DESIGN.md section 6: which fields changed, never their values (a private field stays private).
        List<String> fields = notes.changes().stream().map(c -> c.field()).toList();
        if (!fields.isEmpty()) {
            events.publishEvent(new AccountEvent("profile.updated", memberId, null, Map.of("memberId", memberId, "fields", fields)));
        }
        // Search matches only what the public profile shows.
        network.profileChanged(member, after.headline(),
                after.privateFields().names().contains("location") ? "" : after.location(),
                after.privateFields().names().contains("skills") ? List.of() : after.skills().items());
        return ProfileView.full(member, after);
    }

    private Profile profile(String memberId) {
        return profiles.find(memberId).orElseGet(() -> Profile.empty(memberId, clock.instant()));
    }

    private static void diff(ActivityNotes notes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            notes.change(field, before, after);
        }
    }

    private static List<String> sorted(Set<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
