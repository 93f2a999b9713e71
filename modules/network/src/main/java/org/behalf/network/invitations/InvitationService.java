package org.behalf.network.invitations;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.behalf.identity.api.AccountEvent;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.TextField;
import org.behalf.kernel.OpaqueIds;
import org.behalf.network.Page;
import org.behalf.network.SequenceCursor;
import org.behalf.network.connections.BlockRepository;
import org.behalf.network.connections.ConnectionRepository;
import org.behalf.network.members.MemberSummary;
import org.behalf.network.members.NetworkMembers;
import org.behalf.network.messages.MessageService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations and introductions. Accepting connects both ways and turns the note into the first
 * message; a member may have only so many invitations out at once.
 */
@Service
class InvitationService {

    static final int MAX_NOTE = 300;

    private final InvitationRepository invitations;
    private final ConnectionRepository connections;
    private final BlockRepository blocks;
    private final NetworkMembers members;
    private final MessageService messages;
    private final Clock clock;
    private final int maxOpen;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RequestState> requests;

    InvitationService(InvitationRepository invitations, ConnectionRepository connections, BlockRepository blocks, NetworkMembers members,
                      MessageService messages, Clock clock, InvitationSettings settings,
                      ApplicationEventPublisher events, ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.events = events;
        this.invitations = invitations;
        this.connections = connections;
        this.blocks = blocks;
        this.members = members;
        this.messages = messages;
        this.clock = clock;
        this.maxOpen = settings.maxOpenInvitations();
    }

    @Transactional
    InvitationView send(String from, InvitationRequest request) {
        String note = checkRequest(request);
        String to = recipient(request.to());
        if (to.equals(from)) {
            throw new InvalidRequest("to", "You cannot invite yourself.");
        }
        String via = request.via();
        if (via != null && (via.equals(from) || via.equals(to)
                || !connections.connected(from, via) || !connections.connected(via, to))) {
            throw new InvalidRequest("via", "An introduction goes through a connection you share with the member.");
        }
        // The introducer's row is locked with the two members' (in one sorted order, as requireMayOpen needs them):
        // the invitation's number follows those already in each of their lists.
        List<String> involved = via == null ? List.of(from, to) : List.of(from, to, via);
        members.lock(involved.toArray(String[]::new));
        requireMayOpen(from, to, false);
        Invitation invitation = new Invitation(OpaqueIds.next(Invitation.ID_PREFIX), from, to, via, blankToNull(note),
                via == null ? Invitation.Status.PENDING : Invitation.Status.FORWARDING, now(), null, via == null,
                invitations.numberFor(involved));
        invitations.insert(invitation);
        RequestState.of(requests).notes().target("invitation", invitation.id()).change("to", null, to);
        if (invitation.status() == Invitation.Status.PENDING) {
            received(invitation);
        }
        return view(invitation);
    }

    /**
     * The rules every open invitation meets (docs/api.md, {@code POST /api/v1/invitations}), whether it is sent
     * or put back by undoing its invitee's answer ({@link #reopen}): an undo that skipped them opened a second
     * invitation between two members, one between members already connected and one past its sender's limit
     * (black-box finding 11, 2026-12-07). Refused in words for who asks: the sender, or the invitee undoing.
     * The caller has locked both members' rows.
     */
    private void requireMayOpen(String from, String to, boolean reopening) {
        // Both members' rows are locked by the caller (send, lockWithMembers) and stay locked until this transaction
        // ends: concurrent sends from the same member, or between the same two members either way, are answered one
        // after the other, so the limit and "one open invitation per pair" hold however many arrive at once.
        if (connections.connected(from, to)) {
            throw InvalidRequest.conflict(reopening ? "You are already connected, so this invitation cannot be put back."
                    : "You are already connected.");
        }
        // A block stops invitations either way; the answer does not say who blocked whom.
        if (blocks.blockedEitherWay(from, to)) {
            throw InvalidRequest.conflict(reopening ? "This invitation can no longer be put back." : "This member cannot be invited.");
        }
        List<String> open = invitations.openSentBy(from);
        if (open.contains(to) || invitations.openSentBy(to).contains(from)) {
            throw InvalidRequest.conflict(reopening ? "Another invitation between you is open now, so this one cannot be put back."
                    : "An invitation between you is already open.");
        }
        if (open.size() >= maxOpen) {
            throw InvalidRequest.conflict(reopening
                    ? "Its sender has " + maxOpen + " invitations waiting for an answer now, the most allowed, so this one cannot be put back."
                    : "You have " + maxOpen + " invitations waiting for an answer, the most allowed; withdraw some first.");
        }
    }

    /**
     * The invitation, its row locked, after the rows of its two members: the order a send takes them in
     * ({@link #requireMayOpen}), so that an undo and a send between the same members never wait on each
     * other in a cycle.
     */
    Optional<Invitation> lockWithMembers(String id) {
        return invitations.find(id).flatMap(found -> {
            members.lock(found.fromId(), found.toId());
            return invitations.lock(id);
        });
    }

    /**
     * A declined or ignored invitation waits for its invitee's answer again (undoing a helper's answer,
     * {@link InvitationUndo}), where a new one between the two could be sent now; nothing changes otherwise.
     * A closed account's invitations ended with it (docs/api.md, closing an account), so one from a sender
     * who closed theirs since stays ended: accepting it connected the invitee with a closed account.
     */
    void reopen(Invitation invitation) {
        if (!members.exists(invitation.fromId())) {
            throw InvalidRequest.conflict("Its sender has closed their account, so this invitation cannot be put back.");
        }
        requireMayOpen(invitation.fromId(), invitation.toId(), true);
        invitations.save(invitation.pending());
    }

    /**
     * The rules of an invitation that read nothing stored, the endpoint's first: also run before a helper's
     * invitation is held ({@link InvitationHeldRules}). {@code to} names someone, and never by an e-mail
     * address: it is not looked up, as the answer would tell whether an address has an account
     * (docs/security.md rule 27); a member id (which has no {@code @}) or a handle is. Its answer is the note, checked.
     */
    static String checkRequest(InvitationRequest request) {
        if (request.to() == null || request.to().isBlank()) {
            throw new InvalidRequest("to", "Say whom to invite: their handle, such as @ana.");
        }
        if (request.to().strip().indexOf('@') > 0) {
            throw new InvalidRequest("to", "Invite people by their handle, not their e-mail address.");
        }
        if (request.message() != null && TextField.length(request.message()) > MAX_NOTE) {
            throw new InvalidRequest("message", "A note has at most " + MAX_NOTE + " characters.");
        }
        // Free text, as the message it becomes on acceptance (docs/api.md): line breaks and tabs but no other
        // control character. NUL, escape sequences and C1 controls passed here into the conversation, which the
        // messages endpoint itself refuses (black-box finding 3, 2026-12-07; SECURITY-CASES 40).
        return TextField.check("message", request.message(), MAX_NOTE);
    }

    /**
     * {@code to}, checked ({@link #checkRequest}), is a member id (DESIGN.md section 6) or a handle, with or
     * without {@code @} (issue 18: people know each other's handles, not ids).
     */
    private String recipient(String to) {
        // An id first (DESIGN.md section 6); a handle may also start with "mbr_", so that is tried next.
        if (to.strip().startsWith("mbr_") && members.exists(to.strip())) {
            return to.strip();
        }
        return members.byHandle(to).map(MemberSummary::id).orElseThrow(() -> new InvalidRequest("to",
                "Nobody has that handle. Check the spelling, or search for them by name."));
    }

    @Transactional
    InvitationView accept(String member, String id) {
        Invitation invitation = received(member, id);
        // A block closes open invitations (InvitationsClosedByBlock); this refuses one that a block
        // raced with, so a block never ends in a connection. Who blocked whom is not said.
        if (blocks.blockedEitherWay(invitation.fromId(), invitation.toId())) {
            throw InvalidRequest.conflict("This invitation can no longer be accepted.");
        }
        // Two members are connected once: a second invitation between them accepted later posted its
        // note again as a new message (black-box finding 11, 2026-12-07).
        if (connections.connected(invitation.fromId(), invitation.toId())) {
            throw InvalidRequest.conflict("You are already connected.");
        }
        Invitation accepted = move(invitation, Invitation.Status.ACCEPTED);
        connections.connect(invitation.fromId(), invitation.toId(), accepted.answeredAt());
        if (invitation.message() != null) {
            messages.startFromInvitation(invitation.fromId(), invitation.toId(), invitation.message(), invitation.createdAt());
        }
        return view(accepted);
    }

    @Transactional
    InvitationView decline(String member, String id) {
        // Named before the lookup, as every answer to an invitation is: a 404 for someone else's and for
        // none at all are then recorded alike (SECURITY-CASES 20; black-box finding: only the real one was named).
        RequestState.of(requests).notes().target("invitation", id);
        Invitation invitation = invitations.lock(id).orElseThrow(InvalidRequest::notFound);
        // The shared connection of an introduction declines to forward it; the invitee declines it.
        if (invitation.status() == Invitation.Status.FORWARDING && member.equals(invitation.viaId())) {
            return view(move(invitation, Invitation.Status.NOT_FORWARDED));
        }
        return view(move(received(member, id), Invitation.Status.DECLINED));
    }

    @Transactional
    InvitationView ignore(String member, String id) {
        return view(move(received(member, id), Invitation.Status.IGNORED));
    }

    @Transactional
    InvitationView forward(String member, String id) {
        RequestState.of(requests).notes().target("invitation", id);
        Invitation invitation = invitations.lock(id)
                .filter(i -> member.equals(i.viaId()) && i.status() == Invitation.Status.FORWARDING)
                .orElseThrow(InvalidRequest::notFound);
        if (blocks.blockedEitherWay(invitation.fromId(), invitation.toId())) {
            throw InvalidRequest.conflict("This introduction can no longer be forwarded.");
        }
        Invitation forwarded = invitation.pending();
        invitations.save(forwarded);
        RequestState.of(requests).notes().change("status", "forwarding", "pending");
        received(forwarded);
        return view(forwarded);
    }

    @Transactional
    InvitationView withdraw(String member, String id) {
        RequestState.of(requests).notes().target("invitation", id);
        Invitation invitation = invitations.lock(id).filter(i -> i.fromId().equals(member)).orElseThrow(InvalidRequest::notFound);
        if (invitation.status() != Invitation.Status.PENDING && invitation.status() != Invitation.Status.FORWARDING) {
            throw InvalidRequest.conflict("The invitation is already " + invitation.status().value() + ".");
        }
        return view(move(invitation, Invitation.Status.WITHDRAWN));
    }

    Page<InvitationView> list(String member, String direction, String cursor, Integer limit) {
        InvitationRepository.Direction which;
        try {
            which = InvitationRepository.Direction.valueOf((direction == null ? "received" : direction).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("direction", "One of received, sent, introductions.");
        }
        int size = Page.size(limit);
        SequenceCursor after = SequenceCursor.decode(cursor);
        List<Invitation> rows = invitations.page(member, which, after == null ? null : after.seq(), size + 1);
        Map<String, MemberSummary> people = members.summaries(rows.stream()
                .flatMap(i -> Stream.of(i.fromId(), i.toId(), i.viaId())).filter(Objects::nonNull).distinct().toList());
        return Page.of(rows, size, i -> new SequenceCursor(i.seq()).encode(), i -> InvitationView.of(i, people));
    }

    /**
     * An invitation the member received and may still answer; anything else is "not found" (SECURITY-CASES 20),
     * an introduction that never reached them included, whatever its end: a 409 "already withdrawn" would tell
     * them it existed.
     */
    private Invitation received(String member, String id) {
        RequestState.of(requests).notes().target("invitation", id);
        Invitation invitation = invitations.lock(id).filter(i -> i.toId().equals(member) && i.reachedInvitee())
                .orElseThrow(InvalidRequest::notFound);
        if (invitation.status() != Invitation.Status.PENDING) {
            throw InvalidRequest.conflict("The invitation is already " + invitation.status().value() + ".");
        }
        return invitation;
    }

    private Invitation move(Invitation invitation, Invitation.Status to) {
        Invitation moved = invitation.answered(to, now());
        invitations.save(moved);
        RequestState.of(requests).notes().change("status", invitation.status().value(), to.value());
        if (to == Invitation.Status.ACCEPTED || to == Invitation.Status.DECLINED || to == Invitation.Status.IGNORED) {
            // DESIGN.md section 6. Only an acceptance concerns the sender's account (the connection
            // shows there); a decline or an ignore is told to the invitee's side only, as the API tells it.
            events.publishEvent(new AccountEvent("invitation.answered", moved.toId(),
                    to == Invitation.Status.ACCEPTED ? moved.fromId() : null,
                    Map.of("invitationId", moved.id(), "status", to.value(), "fromId", moved.fromId(), "toId", moved.toId())));
        }
        return moved;
    }

    /** An invitation waiting for its invitee's answer: sent directly, or forwarded by the shared connection. */
    private void received(Invitation invitation) {
        events.publishEvent(new AccountEvent("invitation.received", invitation.toId(), null,
                Map.of("invitationId", invitation.id(), "fromId", invitation.fromId(), "toId", invitation.toId())));
    }

    private InvitationView view(Invitation invitation) {
        return InvitationView.of(invitation, members.summaries(Stream.of(invitation.fromId(), invitation.toId(), invitation.viaId())
                .filter(Objects::nonNull).toList()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record InvitationRequest(String to, String message, String via) {
    }

    record InvitationView(String id, String status, MemberSummary from, MemberSummary to, @Nullable MemberSummary via, @Nullable String message,
                          Instant createdAt, @Nullable Instant answeredAt) {
        static InvitationView of(Invitation i, Map<String, MemberSummary> people) {
            return new InvitationView(i.id(), i.status().value(), people.get(i.fromId()), people.get(i.toId()),
                    i.viaId() == null ? null : people.get(i.viaId()), i.message(), i.createdAt(), i.answeredAt());
        }
    }
}
