package org.behalf.delegation.api;

/** The lifecycle of a grant (DESIGN.md section 2 rule 3); only ACTIVE gives anything. */
public enum GrantStatus {
    PENDING, ACTIVE, DECLINED, REVOKED, RESIGNED, EXPIRED, LAPSED;

    public boolean open() {
        return this == PENDING || this == ACTIVE;
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
