package org.behalf.identity.api;

/**
 * Published (as a Spring application event, inside the withdrawing transaction) when a member
 * withdraws their consent to a third-party app: every token the app held for them is revoked in that
 * transaction, and the events module tells the app's Shared Signals streams (DESIGN.md section 6, a
 * CAEP {@code session-revoked} when "an app's consent is withdrawn").
 *
 * @param memberId the member who withdrew it
 * @param clientId the app, which is the audience of what its streams are told
 */
public record ConsentWithdrawn(String memberId, String clientId) {
}
