package org.behalf.identity.api;

import java.util.Map;
import java.util.Objects;

/**
 * Something an integrator may hear about (DESIGN.md section 6, "Events for integrators"), published
 * as a Spring application event inside the transaction of the change, so that the events module's
 * outbox row commits or rolls back with it. Modules publish; only the events module listens.
 *
 * @param type         one of {@link #TYPES}, e.g. {@code grant.revoked}
 * @param account      the account the event is about (a grant's holder)
 * @param otherAccount a second account it concerns (a grant's delegate), else null
 * @param data         what receivers get as {@code data}: ids and states, never a token or a secret
 */
public record AccountEvent(String type, String account, String otherAccount, Map<String, Object> data) {

    /** The event types of DESIGN.md section 6. */
    public static final java.util.List<String> TYPES = java.util.List.of("grant.created", "grant.accepted", "grant.declined",
            "grant.changed", "grant.revoked", "grant.resigned", "grant.expired", "approval.requested", "approval.decided",
            "profile.updated", "invitation.received", "invitation.answered", "account.closed");

    public AccountEvent {
        Objects.requireNonNull(account, "account");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not an event type of DESIGN.md section 6: " + type);
        }
        data = Map.copyOf(data);
    }
}
