package org.behalf.delegation.api;

import java.time.Instant;

/** The lifecycle of a grant (DESIGN.md section 2 rule 3); only ACTIVE gives anything. */
public enum GrantStatus {
    PENDING, ACTIVE, DECLINED, REVOKED, RESIGNED, EXPIRED, LAPSED;

    public boolean open() {
        return this == PENDING || this == ACTIVE;
    }

    /**
     * This stored status as it stands at {@code now}: expiry and lapse are derived from the clock,
     * so that a grant never outlives its expiry even before a sweeper has run.
     */
    public GrantStatus at(Instant now, Instant createdAt, Instant expiresAt) {
        if (open() && !now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        if (this == PENDING && !now.isBefore(createdAt.plus(Grant.PENDING_LIFETIME))) {
            return LAPSED;
        }
        return this;
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
