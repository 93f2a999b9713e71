package org.behalf.identity.authorization;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.behalf.identity.api.ScopeCatalog;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page (template {@code identity/consent}): a plain HTML form posting to the authorization endpoint, with one checkbox
 * named {@code scope} per permission, each described in plain words, and how long the app's
 * access lasts (DESIGN.md section 5). Sent with {@code frame-ancestors 'none'} (SECURITY-CASES 22).
 */
@Controller
class ConsentPage {

    static final String PATH = "/oauth2/consent";

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final ScopeCatalog catalog;

    ConsentPage(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents, ScopeCatalog catalog) {
        this.clients = clients;
        this.consents = consents;
        this.catalog = catalog;
    }

    /** One permission the app asks for, in the catalog's words, and whether the member allowed it before. */
    record Permission(String name, String words, boolean allowed) {
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    String consent(Principal member, Model model, @RequestParam("client_id") String clientId,
                   @RequestParam(value = "scope", defaultValue = "") String scope, @RequestParam("state") String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            model.addAttribute("title", "Unknown app");
            return "identity/consent";
        }
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), member.getName());
        Set<String> already = previous == null ? Set.of() : previous.getScopes();
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.remove("");
        model.addAttribute("title", "Allow " + client.getClientName() + "?");
        model.addAttribute("app", client.getClientName());
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("permissions", requested.stream().filter(name -> !OidcScopes.OPENID.equals(name))
                .map(name -> new Permission(name, catalog.describe(name), already.contains(name))).toList());
        model.addAttribute("openid", requested.contains(OidcScopes.OPENID));
        model.addAttribute("minutes", client.getTokenSettings().getAccessTokenTimeToLive().toMinutes());
        return "identity/consent";
    }
}
