package org.behalf.identity.member;

import java.time.Instant;

/** A member account as stored; the password hash never leaves this package. */
record Member(String id, String handle, String email, String displayName, String passwordHash, String status,
              Instant createdAt, String kind, String operatorId) {

    static final String ACTIVE = "ACTIVE";
    /** A person, who signs up for themself. */
    static final String PERSON = "person";
    /** An AI assistant, created and run by a person, its operator (DESIGN.md section 6, "AI assistants"). */
    static final String AGENT = "agent";

    Member(String id, String handle, String email, String displayName, String passwordHash, String status, Instant createdAt) {
        this(id, handle, email, displayName, passwordHash, status, createdAt, PERSON, null);
    }

    boolean agent() {
        return AGENT.equals(kind);
    }

    boolean active() {
        return ACTIVE.equals(status);
    }
}
