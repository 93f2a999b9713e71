package org.behalf.audit.api;

import java.time.Instant;
import java.util.List;

/** An entry as stored and exported, with exactly the fields of DESIGN.md section 7. */
public record ActivityEntry(String id, long seq, Instant occurredAt, String account, ActivityEvent.Actor actor,
                            String grantId, String clientId, String action, ActivityEvent.Target target,
                            ActivityEvent.Outcome outcome, String reason, List<ActivityEvent.Change> changes,
                            String ip, String userAgent, String requestId, String prevHash, String hash) {

    /** An entry id is {@code act_} and 22 random characters ({@code OpaqueIds}). */
    public static final String ID_PREFIX = "act";
}
