package org.behalf.identity.member;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A member as its row stores it, the aggregate of {@code identity_member}: the {@link Member} the
 * rest of the package works with, and the normalised keys its handle and e-mail are unique and looked
 * up by (SECURITY-CASES 26), which are derived from them ({@link #of}).
 */
@Table("identity_member")
record StoredMember(@Id String id, String handle, String handleKey, String email, String emailKey, String displayName,
                    String passwordHash, String status, Instant createdAt, String kind, String operatorId) {

    static StoredMember of(Member member) {
        // An agent has no e-mail: its key is one no address normalises to (no '@'), unique by its id
        // (migration V202612060500).
        String emailKey = member.agent() ? "agent:" + member.id() : Names.emailKey(member.email());
        return new StoredMember(member.id(), member.handle(), Names.handleKey(member.handle()), member.email(), emailKey,
                member.displayName(), member.passwordHash(), member.status(), member.createdAt(), member.kind(), member.operatorId());
    }

    Member member() {
        return new Member(id, handle, email, displayName, passwordHash, status, createdAt, kind, operatorId);
    }
}
