package org.behalf.console.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The integrator's OAuth clients ({@code /api/v1/clients}, DESIGN.md section 6): register with
 * redirect URIs, scopes and grant types, see the secret once, rotate it, delete the client.
 */
@Controller
class AppsPage {

    static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials",
            "urn:ietf:params:oauth:grant-type:token-exchange");

    private final ResourceApi api;
    private final Bearers bearers;
    private final Catalog catalog;
    private final ScopeCatalog firstPartyOnly;

    AppsPage(ResourceApi api, Bearers bearers, Catalog catalog, ScopeCatalog firstPartyOnly) {
        this.api = api;
        this.bearers = bearers;
        this.catalog = catalog;
        this.firstPartyOnly = firstPartyOnly;
    }

    @GetMapping("/console/apps")
    String apps(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        model.addAttribute("clients", api.get(request, bearers.own(request), "/api/v1/clients").path("items"));
        // Scopes only first-party clients carry are not offered (DESIGN.md section 4); the API refuses them too.
        model.addAttribute("scopes", catalog.scopes(request).stream().filter(scope -> !firstPartyOnly.firstPartyOnly(scope.name())).toList());
        model.addAttribute("grantTypes", GRANT_TYPES);
        model.addAttribute("webhooks", api.get(request, bearers.own(request), "/api/v1/webhooks").path("items"));
        model.addAttribute("eventTypes", WebhooksPage.eventTypes());
        return "console/apps";
    }

    @PostMapping("/console/apps")
    String register(HttpServletRequest request, RedirectAttributes flash, @RequestParam String name,
                    @RequestParam(defaultValue = "") String redirectUris,
                    @RequestParam(name = "scope", required = false) List<String> scopes,
                    @RequestParam(name = "grantType", required = false) List<String> grantTypes) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", name.strip());
        client.put("redirectUris", Arrays.stream(redirectUris.split("\\s+")).filter(uri -> !uri.isBlank()).toList());
        client.put("scopes", scopes == null ? List.of() : scopes);
        client.put("grantTypes", grantTypes == null ? List.of() : grantTypes);
        return Outcome.of(flash, "/console/apps", () -> {
            JsonNode created = api.post(request, bearers.own(request), "/api/v1/clients", client);
            flash.addFlashAttribute("secretFor", created.path("clientId").asString());
            flash.addFlashAttribute("secret", created.path("clientSecret").asString(null));
            return "Registered " + created.path("name").asString() + ".";
        });
    }

    @PostMapping("/console/apps/{clientId}/secret")
    String rotate(HttpServletRequest request, RedirectAttributes flash, @PathVariable String clientId) {
        return Outcome.of(flash, "/console/apps", () -> {
            JsonNode rotated = api.post(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId) + "/secret", null);
            flash.addFlashAttribute("secretFor", clientId);
            flash.addFlashAttribute("secret", rotated.path("clientSecret").asString(null));
            return "New secret made; the old one no longer works.";
        });
    }

    @PostMapping("/console/apps/{clientId}/delete")
    String delete(HttpServletRequest request, RedirectAttributes flash, @PathVariable String clientId) {
        return Outcome.of(flash, "/console/apps", () -> {
            api.delete(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId));
            return "App deleted; its tokens no longer work.";
        });
    }
}
