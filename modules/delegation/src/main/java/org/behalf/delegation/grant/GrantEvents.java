package org.behalf.delegation.grant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.behalf.delegation.api.Grant;
import org.behalf.identity.api.AccountEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells integrators of a grant's transition (DESIGN.md section 6, "Events for integrators"): an
 * {@link AccountEvent} published inside the transition's transaction, about the holder's and the
 * delegate's accounts. The data names the grant and its state only, never its terms or notes.
 */
@Component
class GrantEvents {

    private static final Map<String, String> TYPES = Map.of("delegation.create", "grant.created", "delegation.accept", "grant.accepted",
            "delegation.decline", "grant.declined", "delegation.resign", "grant.resigned", "delegation.revoke", "grant.revoked",
            "delegation.update", "grant.changed", "delegation.expire", "grant.expired", "delegation.lapse", "grant.expired");

    private final ApplicationEventPublisher events;

    GrantEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Publishes the event of an activity action on a grant; actions without one publish nothing. */
    void publish(String action, Grant grant) {
        String type = TYPES.get(action);
        if (type == null) {
            return;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("grantId", grant.id());
        data.put("holderId", grant.holderId());
        // SECURITY-CASES 27: as in the holder's own view (GrantView), an offer names its delegate only
        // once accepted. The holder's apps hear these events too, and a pending offer to an e-mail
        // address or handle told them whether it has an account, and its id (black-box finding, 2026-12-07).
        if (grant.delegateId() != null && grant.acceptedAt() != null) {
            data.put("delegateId", grant.delegateId());
        }
        data.put("status", grant.status().value());
        data.put("scopes", List.copyOf(new TreeSet<>(grant.scopes())));
        data.put("expiresAt", grant.expiresAt().toString());
        events.publishEvent(new AccountEvent(type, grant.holderId(), grant.delegateId(), data));
    }
}
