package org.behalf.identity.api;

/**
 * Published (as a Spring application event) inside the transaction that creates a member account,
 * so that other modules set up what they keep per member together with the account, without
 * calling back into identity.
 */
public record MemberRegistered(String memberId, String handle, String displayName) {
}
