package org.behalf.console.calls;

/**
 * Whose token a call to the resource API carries: the name of one of the console's client
 * registrations, whose current access token Spring Security's {@code OAuth2ClientHttpRequestInterceptor}
 * puts in the call (the console never handles the token itself), and the account the call acts on.
 *
 * @param registrationId the client registration the token is held under
 * @param account        the member id of the account the token acts on: the member's own, or the
 *                       client's while acting; null for the console's own token (nobody's account)
 * @param holderName     the client's display name while acting, "" for the member's own account
 */
public record Bearer(String registrationId, String account, String holderName) {
}
