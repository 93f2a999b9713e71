package org.behalf.identity.member;

import java.time.Instant;

/** A member account as stored; the password hash never leaves this package. */
record Member(String id, String handle, String email, String displayName, String passwordHash, String status,
              Instant createdAt) {

    static final String ACTIVE = "ACTIVE";

    boolean active() {
        return ACTIVE.equals(status);
    }
}
