package org.behalf.network.members;

/** How a member is shown in lists: never more than their public profile says. */
public record MemberSummary(String id, String handle, String displayName, String headline) {
}
