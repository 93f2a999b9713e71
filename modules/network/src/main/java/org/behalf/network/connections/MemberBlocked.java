package org.behalf.network.connections;

import java.time.Instant;

/**
 * Published inside the block's transaction, so that what the block stops in other parts of the
 * network (open invitations) ends with it, atomically, without connections depending on them.
 */
public record MemberBlocked(String memberId, String blockedId, Instant at) {
}
