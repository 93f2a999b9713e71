package org.behalf.network.members;

import org.jspecify.annotations.Nullable;

/** How a member is shown in lists: never more than their public profile says. */
public record MemberSummary(String id, String handle, String displayName, @Nullable String headline) {
}
