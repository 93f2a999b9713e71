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
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The consent page: a plain HTML form posting to the authorization endpoint, with one checkbox
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

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String consent(Principal member, CsrfToken csrf, @RequestParam("client_id") String clientId,
                   @RequestParam(value = "scope", defaultValue = "") String scope, @RequestParam("state") String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            return Pages.page("Unknown app", "<p>This app is not registered with Behalf.</p>");
        }
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), member.getName());
        Set<String> already = previous == null ? Set.of() : previous.getScopes();
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.remove("");
        StringBuilder items = new StringBuilder();
        for (String name : requested) {
            if (OidcScopes.OPENID.equals(name)) {
                continue;
            }
            items.append("<li><label><input type=\"checkbox\" name=\"scope\" value=\"").append(HtmlUtils.htmlEscape(name))
                    .append("\" checked> ").append(HtmlUtils.htmlEscape(catalog.describe(name)))
                    .append(already.contains(name) ? " <em>(already allowed)</em>" : "")
                    .append(" <code>").append(HtmlUtils.htmlEscape(name)).append("</code></label></li>");
        }
        if (requested.contains(OidcScopes.OPENID)) {
            items.append("<input type=\"hidden\" name=\"scope\" value=\"openid\">");
        }
        long minutes = client.getTokenSettings().getAccessTokenTimeToLive().toMinutes();
        String body = "<p><strong>" + HtmlUtils.htmlEscape(client.getClientName()) + "</strong> asks to act for you on Behalf. "
                + "Untick what you do not want to allow.</p>"
                + "<form method=\"post\" action=\"/oauth2/authorize\">"
                + "<input type=\"hidden\" name=\"client_id\" value=\"" + HtmlUtils.htmlEscape(clientId) + "\">"
                + "<input type=\"hidden\" name=\"state\" value=\"" + HtmlUtils.htmlEscape(state) + "\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<ul class=\"scopes\">" + items + "</ul>"
                + "<p>Each access token lasts " + minutes + " minutes; the app can renew access until you revoke it.</p>"
                + "<button type=\"submit\">Allow</button></form>"
                + "<form method=\"post\" action=\"/oauth2/authorize\">"
                + "<input type=\"hidden\" name=\"client_id\" value=\"" + HtmlUtils.htmlEscape(clientId) + "\">"
                + "<input type=\"hidden\" name=\"state\" value=\"" + HtmlUtils.htmlEscape(state) + "\">"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<button type=\"submit\" class=\"secondary\">Deny</button></form>";
        return Pages.page("Allow " + client.getClientName() + "?", body);
    }
}
