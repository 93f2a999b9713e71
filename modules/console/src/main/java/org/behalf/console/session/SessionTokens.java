package org.behalf.console.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/**
 * Where Spring Security's client keeps the console's tokens: in the member's {@link ConsoleSession}
 * (the browser session, on the server only), not Spring Security's own
 * {@code HttpSessionOAuth2AuthorizedClientRepository}, for two reasons. That one stores the whole
 * {@code OAuth2AuthorizedClient}, the client registration and so the console's client secret with
 * it, in every session row; and it hands the tokens to whoever is signed in on the browser now,
 * while these are only ever given back for the member they were obtained for.
 */
@Component("consoleSessionTokens")
public class SessionTokens implements OAuth2AuthorizedClientRepository {

    private final ConsoleRegistrations registrations;

    SessionTokens(ConsoleRegistrations registrations) {
        this.registrations = registrations;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId, Authentication principal,
                                                                     HttpServletRequest request) {
        ConsoleSession.Held held = ConsoleSession.of(request).held(clientRegistrationId);
        ClientRegistration registration = registrations.findByRegistrationId(clientRegistrationId);
        if (held == null || registration == null || principal == null || !held.principalName().equals(principal.getName())) {
            return null;
        }
        return (T) new OAuth2AuthorizedClient(registration, held.principalName(), held.accessToken(), held.refreshToken());
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
                                     HttpServletRequest request, HttpServletResponse response) {
        ConsoleSession.of(request).hold(authorizedClient.getClientRegistration().getRegistrationId(), new ConsoleSession.Held(
                authorizedClient.getPrincipalName(), authorizedClient.getAccessToken(), authorizedClient.getRefreshToken()));
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, Authentication principal, HttpServletRequest request,
                                       HttpServletResponse response) {
        ConsoleSession.of(request).drop(clientRegistrationId);
    }
}
