package org.behalf.console.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
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
    private final When when;

    AppsPage(ResourceApi api, Bearers bearers, Catalog catalog, ScopeCatalog firstPartyOnly, When when) {
        this.when = when;
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
        return draw(request, model, Typed.none(), Typed.none());
    }

    /** The page, with what was typed into the app form ({@code typed}) or the webhook form ({@code hook}) after a refusal. */
    String draw(HttpServletRequest request, Model model, Typed typed, Typed hook) {
        model.addAttribute("typed", typed);
        model.addAttribute("hook", hook);
        if (typed.failed()) {
            model.addAttribute("error", "The app was not registered: " + String.join(" ", typed.errors().values()));
        } else if (hook.failed()) {
            model.addAttribute("error", "The webhook was not added: " + String.join(" ", hook.errors().values()));
        }
        model.addAttribute("clients", api.get(request, bearers.own(request), "/api/v1/clients").path("items"));
        // Scopes only first-party clients carry are not offered (DESIGN.md section 4); the API refuses them too.
        model.addAttribute("scopes", catalog.scopes(request).stream().filter(scope -> !firstPartyOnly.firstPartyOnly(scope.name())).toList());
        model.addAttribute("grantTypes", GRANT_TYPES);
        model.addAttribute("webhooks", api.get(request, bearers.own(request), "/api/v1/webhooks").path("items"));
        model.addAttribute("eventTypes", WebhooksPage.eventTypes());
        model.addAttribute("streams", api.get(request, bearers.own(request), "/api/v1/ssf/stream"));
        return "console/apps";
    }

    /** Registers the app; a refusal draws the form again with everything typed and the words by the field. */
    @PostMapping("/console/apps")
    String register(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                    @RequestParam MultiValueMap<String, String> form) {
        String name = form.getFirst("name") == null ? "" : form.getFirst("name");
        String redirectUris = form.getFirst("redirectUris") == null ? "" : form.getFirst("redirectUris");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", name.strip());
        // Split on any whitespace: a textarea's CRLF line ends included.
        client.put("redirectUris", Arrays.stream(redirectUris.split("\\s+")).filter(uri -> !uri.isBlank()).toList());
        client.put("scopes", form.getOrDefault("scope", List.of()));
        client.put("grantTypes", form.getOrDefault("grantType", List.of()));
        try {
            JsonNode created = api.post(request, bearers.own(request), "/api/v1/clients", client);
            flash.addFlashAttribute("secretFor", created.path("clientId").asString());
            flash.addFlashAttribute("secret", created.path("clientSecret").asString(null));
            flash.addFlashAttribute("notice", "Registered " + created.path("name").asString() + ".");
            return "redirect:/console/apps";
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            response.setStatus(400);
            return draw(request, model, Typed.of(form).refused(refused, Map.of()), Typed.none());
        }
    }

    /**
     * A new secret, after a confirm page that says what happens to the old one: it keeps working
     * for 24 hours (time to put the new one in the app's configuration), or stops at once when the
     * person says it leaked.
     */
    @PostMapping("/console/apps/{clientId}/secret")
    String rotate(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String clientId,
                  @RequestParam(defaultValue = "") String confirmed, @RequestParam(defaultValue = "24") String graceHours) {
        if (!Confirm.confirmed(confirmed)) {
            String name = api.get(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId)).path("name").asString(clientId);
            model.addAttribute("choices", Map.of("name", "graceHours", "keep", "24", "keepLabel", "Yes, and keep the old one for 24 hours",
                    "end", "0", "endLabel", "Yes, and stop the old one now (it leaked)"));
            return Confirm.page(model, "Make a new secret for " + name + "?",
                    List.of("The new secret is shown once, on the next page: copy it into " + name + "'s configuration.",
                            "The old secret keeps working for 24 hours, so that " + name + " has no outage while you change it; "
                                    + "if it leaked, stop it now instead.",
                            "Tokens " + name + " already holds keep working until they run out."),
                    "/console/apps/" + Ids.path(clientId) + "/secret", "Yes, make a new secret", "/console/apps");
        }
        String hours = "0".equals(graceHours) ? "0" : "24";
        return Outcome.of(flash, "/console/apps", () -> {
            JsonNode rotated = api.post(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId) + "/secret?graceHours=" + hours, null);
            flash.addFlashAttribute("secretFor", clientId);
            flash.addFlashAttribute("secret", rotated.path("clientSecret").asString(null));
            String until = rotated.path("previousSecretExpiresAt").asString("");
            return until.isBlank() || "null".equals(until) ? "New secret made; the old one no longer works."
                    : "New secret made; the old one keeps working until " + when.text(until) + " (" + when.relative(until) + ").";
        });
    }

    @PostMapping("/console/apps/{clientId}/delete")
    String delete(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String clientId,
                  @RequestParam(defaultValue = "") String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            String name = api.get(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId)).path("name").asString(clientId);
            return Confirm.page(model, "Delete " + name + "?",
                    List.of(name + " can no longer sign anyone in or call the API.",
                            "Every token it holds stops working at once, for every member who used it.",
                            "This cannot be undone: to use it again, you register it anew and get a new client id."),
                    "/console/apps/" + Ids.path(clientId) + "/delete", "Yes, delete " + name, "/console/apps");
        }
        return Outcome.of(flash, "/console/apps", () -> {
            api.delete(request, bearers.own(request), "/api/v1/clients/" + Ids.path(clientId));
            return "App deleted; its tokens no longer work.";
        });
    }
}
