package org.behalf.network.invitations;

import java.time.Instant;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An invitation to connect. With {@code viaId} it is an introduction: it waits (FORWARDING) until
 * the shared connection forwards it (PENDING) or declines to (NOT_FORWARDED). {@code reachedInvitee}
 * says whether the invitee was ever shown it (a direct invitation at once, an introduction once
 * forwarded): one that ends before it is forwarded (withdrawn, or by a block) never reaches them.
 * {@code seq} orders the lists it is in, as sent ({@code InvitationRepository.numberFor}): its time
 * may be whole seconds (docs/operations.md), and a second's invitations then tie.
 */
@Table("network_invitation")
record Invitation(@Id String id, String fromId, String toId, String viaId, String message, Status status,
                  Instant createdAt, Instant answeredAt, boolean reachedInvitee, long seq) {

    /** An invitation id is {@code inv_} and 22 random characters ({@code OpaqueIds}). */
    static final String ID_PREFIX = "inv";

    enum Status {
        FORWARDING, NOT_FORWARDED, PENDING, ACCEPTED, DECLINED, IGNORED, WITHDRAWN;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    Invitation answered(Status to, Instant at) {
        return new Invitation(id, fromId, toId, viaId, message, to, createdAt, at, reachedInvitee, seq);
    }

    /** The invitation waiting for its invitee's answer again: forwarded, or an answer undone. */
    Invitation pending() {
        return new Invitation(id, fromId, toId, viaId, message, Status.PENDING, createdAt, null, true, seq);
    }
}
