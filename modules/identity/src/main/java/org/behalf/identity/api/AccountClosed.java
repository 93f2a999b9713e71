package org.behalf.identity.api;

/**
 * Published (as a Spring application event, inside the closing transaction) when a member closes
 * their account, so that other modules end what is tied to it in the same transaction
 * (SECURITY-CASES 30: every session, token and grant).
 */
public record AccountClosed(String memberId) {
}
