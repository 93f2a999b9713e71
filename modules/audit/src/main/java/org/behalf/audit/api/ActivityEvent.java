package org.behalf.audit.api;

import java.util.List;
import java.util.Objects;

/**
 * What happened, as the acting module describes it; the audit module adds {@code id}, {@code seq},
 * {@code occurredAt}, {@code prevHash} and {@code hash} (DESIGN.md section 7).
 *
 * @param account  the holder whose log gets the entry
 * @param grantId  the grant a delegate acted under, else null
 * @param clientId the OAuth client the request came through, else null
 * @param reason   why it was denied or failed; never a secret or a token
 */
public record ActivityEvent(String account, Actor actor, String grantId, String clientId, String action,
                            Target target, Outcome outcome, String reason, List<Change> changes,
                            RequestInfo request) {

    public ActivityEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        changes = changes == null ? List.of() : List.copyOf(changes);
        request = request == null ? RequestInfo.NONE : request;
    }

    public enum Outcome { SUCCESS, DENIED, ERROR }

    /** {@code kind} is holder, delegate, app or system. */
    public record Actor(Kind kind, String id) {
        public enum Kind { HOLDER, DELEGATE, APP, SYSTEM }
    }

    public record Target(String type, String id) {
    }

    /** A field-level change; before and after are JSON values (String, Number, Boolean, List, Map or null). */
    public record Change(String field, Object before, Object after) {
    }

    public record RequestInfo(String ip, String userAgent, String requestId) {
        public static final RequestInfo NONE = new RequestInfo(null, null, null);
    }
}
