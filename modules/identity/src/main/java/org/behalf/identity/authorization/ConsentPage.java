package org.behalf.identity.authorization;

import java.io.IOException;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.ClientDirectory;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.api.SignInRequestErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The consent page (template {@code identity/consent}): a plain HTML form posting to the authorization endpoint, with one checkbox
 * named {@code scope} per permission, each described in plain words, and how long the app's
 * access lasts (DESIGN.md section 5). Sent with the console's policy, {@code frame-ancestors 'none'} in it (SECURITY-CASES 22);
 * its answer checks the form's CSRF token ({@link ConsentAnswers}).
 *
 * <p>It is drawn only for an authorization in progress: the one Spring Authorization Server saved
 * under the consent {@code state} it sent the browser here with, for this member and this client,
 * with the scopes that request asked for. The page drew whatever its address said, so a link could
 * show a real app's name asking for a permission worded by the link's author, or an unknown app
 * (black-box finding); anything else is now the error page ({@link SignInRequestErrors}).
 *
 * <p>It says who answers for the app, as its name is the app's own choice: that one that registered
 * itself (RFC 7591) is not reviewed by Behalf, and whose member an integrator's app is.
 */
@Controller
class ConsentPage {

    static final String PATH = "/oauth2/consent";
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final OAuth2AuthorizationService authorizations;
    private final ScopeCatalog catalog;
    private final ClientDirectory owners;
    private final MemberDirectory members;

    ConsentPage(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents, OAuth2AuthorizationService authorizations,
                ScopeCatalog catalog, ClientDirectory owners, MemberDirectory members) {
        this.clients = clients;
        this.consents = consents;
        this.authorizations = authorizations;
        this.catalog = catalog;
        this.owners = owners;
        this.members = members;
    }

    /** One permission the app asks for, in the catalog's words, and whether the member allowed it before. */
    record Permission(String name, String words, boolean allowed) {
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView consent(Principal member, HttpServletResponse response, @RequestParam(value = "client_id", required = false) String clientId,
                         @RequestParam(value = "state", required = false) String state) throws IOException {
        OAuth2Authorization pending = state == null || state.isEmpty() ? null : authorizations.findByToken(state, STATE);
        RegisteredClient client = pending == null ? null : clients.findById(pending.getRegisteredClientId());
        OAuth2AuthorizationRequest asked = pending == null ? null : pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (client == null || asked == null || !client.getClientId().equals(clientId) || !member.getName().equals(pending.getPrincipalName())) {
            // The error page, in words, for a browser and a program alike (an exception here was answered as problem JSON).
            response.sendError(HttpStatus.BAD_REQUEST.value(), SignInRequestErrors.NO_CONSENT_IN_PROGRESS);
            return null;
        }
        ModelAndView page = new ModelAndView("identity/consent");
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), member.getName());
        Set<String> already = previous == null ? Set.of() : previous.getScopes();
        Set<String> requested = asked.getScopes();
        List<String> catalogOrder = catalog.memberScopes();
        page.addObject("title", "Allow " + client.getClientName() + "?");
        page.addObject("app", client.getClientName());
        page.addObject("clientId", client.getClientId());
        // Who answers for the app (RFC 7591 section 5: a self-asserted name is shown with care): one that
        // registered itself is nobody's, an integrator's is its owner's; either way not Behalf's (F3).
        page.addObject("selfRegistered", client.getClientId().startsWith(DynamicRegistration.ID_PREFIX));
        page.addObject("maker", owners.owner(client.getClientId()).flatMap(members::findById)
                .map(owner -> owner.displayName() + " (@" + owner.handle() + ")").orElse(null));
        page.addObject("state", state);
        page.addObject("permissions", requested.stream().filter(name -> !OidcScopes.OPENID.equals(name))
                .sorted(Comparator.comparingInt(name -> catalogOrder.indexOf(name) < 0 ? Integer.MAX_VALUE : catalogOrder.indexOf(name)))
                .map(name -> new Permission(name, catalog.describe(name), already.contains(name))).toList());
        page.addObject("openid", requested.contains(OidcScopes.OPENID));
        page.addObject("minutes", client.getTokenSettings().getAccessTokenTimeToLive().toMinutes());
        // Only a client with the refresh grant gets refresh tokens (PublicClientRefreshTokens, Spring's generator): the page
        // promised renewal to every app (black-box finding F9, 2026-12-07).
        page.addObject("renews", client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN));
        return page;
    }
}
