package org.behalf.console.calls;

/**
 * Whose token a call to the resource API carries: the name of one of the console's client
 * registrations, whose current access token Spring Security's {@code OAuth2ClientHttpRequestInterceptor}
 * puts in the call (the console never handles the token itself).
 *
 * @param registrationId the client registration the token is held under
 */
public record Bearer(String registrationId) {
}
