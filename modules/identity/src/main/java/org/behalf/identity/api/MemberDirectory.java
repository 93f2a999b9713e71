package org.behalf.identity.api;

import java.util.Optional;

/** Read-only look-ups of members for the other modules; never exposes credentials. */
public interface MemberDirectory {

    Optional<MemberRef> findById(String memberId);

    /** By handle or e-mail, each normalised the way sign-up normalises it. */
    Optional<MemberRef> findByHandleOrEmail(String handleOrEmail);

    /**
     * Whether the member is an AI assistant, a member of kind agent: no part of the network, as
     * nobody finds it there (docs/agents.md); it exists to be granted. False for a stand-in
     * directory that knows no agents (the modules' test slices).
     */
    default boolean isAgent(String memberId) {
        return false;
    }

    record MemberRef(String id, String handle, String displayName) {
    }
}
