package org.behalf.identity.api;

/**
 * Published (as a Spring application event, after commit) when a member account is created, so
 * that other modules can set up what they keep per member without calling back into identity.
 */
public record MemberRegistered(String memberId, String handle, String displayName) {
}
