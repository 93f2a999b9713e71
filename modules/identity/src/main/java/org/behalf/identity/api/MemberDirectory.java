package org.behalf.identity.api;

import java.util.Optional;

/** Read-only look-ups of members for the other modules; never exposes credentials. */
public interface MemberDirectory {

    Optional<MemberRef> findById(String memberId);

    /** By handle or e-mail, each normalised the way sign-up normalises it. */
    Optional<MemberRef> findByHandleOrEmail(String handleOrEmail);

    record MemberRef(String id, String handle, String displayName) {
    }
}
