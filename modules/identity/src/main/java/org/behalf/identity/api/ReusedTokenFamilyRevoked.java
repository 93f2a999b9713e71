package org.behalf.identity.api;

/**
 * Published (as a Spring application event, inside the revoking transaction) when a code or refresh
 * token presented again is taken as theft and every token of the member's sign-in to the app is
 * revoked (RFC 9700 section 4.14.2; docs/security.md rules 14 and 15). The delegation module ends
 * the delegation tokens the app got with that sign-in's access tokens, as it does when the member
 * withdraws their consent ({@link ConsentWithdrawn}): a thief who exchanged a stolen token keeps no
 * way in.
 *
 * @param memberId the member whose sign-in it was
 * @param clientId the app it was issued to
 */
public record ReusedTokenFamilyRevoked(String memberId, String clientId) {
}
