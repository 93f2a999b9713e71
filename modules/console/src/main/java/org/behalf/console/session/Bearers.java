package org.behalf.console.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;

/**
 * Whose token the call a page is about to make carries: the member's own, or, in acting mode, the
 * delegation token for the client's account. Asking makes sure there is one that works (renewed
 * if it is about to run out; otherwise the member signs in again, or the refusal is said), so a
 * page fails before it draws anything rather than halfway.
 */
@Component("consoleBearers")
public class Bearers {

    private static final String DRAWN_FOR = Bearers.class.getName() + ".drawnFor";

    private final ConsoleAuthorizedClients clients;
    private final SessionTokens tokens;

    Bearers(ConsoleAuthorizedClients clients, SessionTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    /** The member's own token, for their own account and for what only they may do. */
    public Bearer own(HttpServletRequest request) {
        authorize(ConsoleRegistrations.MEMBER);
        Bearer own = new Bearer(ConsoleRegistrations.MEMBER, ConsoleSession.of(request).memberId(), "");
        if (request.getAttribute(DRAWN_FOR) == null) {
            request.setAttribute(DRAWN_FOR, own);
        }
        return own;
    }

    /** The token for the account the console is working on: the client's while acting, else the member's own. */
    public Bearer forAccount(HttpServletRequest request) {
        Acting acting = ConsoleSession.of(request).acting();
        Bearer account;
        if (acting == null) {
            account = own(request);
        } else {
            authorize(ConsoleRegistrations.ACTING);
            account = new Bearer(ConsoleRegistrations.ACTING, acting.holderId(), acting.holderName());
        }
        request.setAttribute(DRAWN_FOR, account);
        return account;
    }

    /**
     * The account the page being drawn is for, which its forms carry ({@link FormAccountFields}): the
     * one whose token the page asked for the account it works on, else its own (the pages about the
     * member's own account are theirs even when drawn while acting), else the account the session works on.
     */
    static Bearer drawnFor(HttpServletRequest request) {
        if (request.getAttribute(DRAWN_FOR) instanceof Bearer page) {
            return page;
        }
        ConsoleSession session = ConsoleSession.of(request);
        Acting acting = session.acting();
        return acting == null ? new Bearer(ConsoleRegistrations.MEMBER, session.memberId(), "")
                : new Bearer(ConsoleRegistrations.ACTING, acting.holderId(), acting.holderName());
    }

    /**
     * "Work as <client>": exchanges the member's own token for a delegation token of this grant.
     * The authorization server decides whether the grant lets this member act (DESIGN.md section 5);
     * a refusal is passed on as it is, and whatever the member was doing before stays as it was.
     */
    public void startActing(HttpServletRequest request, String grantId, String holderId, String holderName,
                            List<String> scopes, Instant grantExpiresAt, List<String> limits) {
        ConsoleSession session = ConsoleSession.of(request);
        Acting before = session.acting();
        session.startActing(new Acting(grantId, holderId, holderName, List.copyOf(scopes), grantExpiresAt, List.copyOf(limits)));
        try {
            authorize(ConsoleRegistrations.ACTING);
        } catch (RuntimeException refused) {
            if (before == null) {
                session.stopActing();
            } else {
                session.startActing(before);
            }
            throw refused;
        }
    }

    /**
     * The console's own token, for calls made for nobody in particular (sign-up): with it, the API
     * believes the browser address the console names, and limits sign-ups per browser.
     */
    public Bearer console(HttpServletRequest request) {
        // Whoever is on the page, or nobody: the console's token is the console's.
        clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(ConsoleRegistrations.CONSOLE)
                .principal(ConsoleClient.ID).build());
        return new Bearer(ConsoleRegistrations.CONSOLE, null, "");
    }

    /**
     * Signing out of the console revokes what it holds (RFC 7009), so nothing outlives the session;
     * the tokens are taken as they are, never renewed first.
     */
    public void revokeAll(HttpServletRequest request) {
        Authentication member = SecurityContextHolder.getContext().getAuthentication();
        OAuth2AuthorizedClient own = tokens.loadAuthorizedClient(ConsoleRegistrations.MEMBER, member, request);
        if (own == null) {
            return;
        }
        if (own.getRefreshToken() != null) {
            revoke(own.getClientRegistration(), own.getRefreshToken(), "refresh_token");
        }
        revoke(own.getClientRegistration(), own.getAccessToken(), "access_token");
    }

    private OAuth2AuthorizedClient authorize(String registration) {
        Authentication member = SecurityContextHolder.getContext().getAuthentication();
        if (member == null) {
            throw new SignInNeeded();
        }
        OAuth2AuthorizedClient authorized = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registration)
                .principal(member).build());
        if (authorized == null) {
            throw new SignInNeeded();
        }
        return authorized;
    }

    private void revoke(ClientRegistration client, AbstractOAuth2Token token, String hint) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(OAuth2ParameterNames.TOKEN, token.getTokenValue());
        form.add(OAuth2ParameterNames.TOKEN_TYPE_HINT, hint);
        try {
            clients.tokenEndpoint().post()
                    .uri((String) client.getProviderDetails().getConfigurationMetadata().get(ConsoleRegistrations.REVOCATION_ENDPOINT))
                    .headers(headers -> headers.setBasicAuth(URLEncoder.encode(client.getClientId(), StandardCharsets.UTF_8),
                            URLEncoder.encode(client.getClientSecret(), StandardCharsets.UTF_8)))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toBodilessEntity();
        } catch (OAuth2AuthorizationException alreadyGone) {
            // RFC 7009 section 2.2: an invalid token is not an error for the one revoking it.
        } catch (ResourceAccessException e) {
            throw Refusal.unavailable("The sign-in service did not answer; try again.");
        }
    }
}
