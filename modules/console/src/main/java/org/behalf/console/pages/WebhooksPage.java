package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.identity.api.AccountEvent;
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
 * The integrator's webhooks on the Apps page ({@code /api/v1/webhooks}, DESIGN.md section 6):
 * subscribe one of their apps, see the secret once, rotate it, delete with a confirmation, and read
 * a subscription's delivery log with redelivery.
 */
@Controller
class WebhooksPage {

    private final ResourceApi api;
    private final Bearers bearers;
    private final AppsPage apps;

    WebhooksPage(ResourceApi api, Bearers bearers, AppsPage apps) {
        this.api = api;
        this.bearers = bearers;
        this.apps = apps;
    }

    /**
     * Subscribes one of the person's apps; a refusal draws the Apps page again with the address,
     * app and events as they were chosen and the words next to the field (issue 18, "nothing typed
     * is ever lost"), rather than an empty form under a notice.
     */
    @PostMapping("/console/apps/webhooks")
    String create(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                  @RequestParam MultiValueMap<String, String> form) {
        String url = form.getFirst("url") == null ? "" : form.getFirst("url");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", form.getFirst("clientId") == null ? "" : form.getFirst("clientId"));
        body.put("url", url.strip());
        body.put("events", form.getOrDefault("event", List.of()));
        Typed typed = Typed.of(form);
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/webhooks", body),
                refused -> refused, Map.of("events", "event"), created -> {
                    flash.addFlashAttribute("secretFor", created.path("url").asString());
                    flash.addFlashAttribute("secret", created.path("secret").asString(null));
                    flash.addFlashAttribute("notice", "Webhook added: deliveries start with the next event.");
                    return "redirect:/console/apps";
                }, () -> apps.draw(request, model, Typed.none(), typed));
    }

    @PostMapping("/console/apps/webhooks/{id}/secret")
    String rotate(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/apps", () -> {
            JsonNode rotated = api.post(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id) + "/secret", null);
            flash.addFlashAttribute("secretFor", rotated.path("url").asString());
            flash.addFlashAttribute("secret", rotated.path("secret").asString(null));
            return "New webhook secret made; the old one keeps signing for a day, so switch your receiver over.";
        });
    }

    /** Deleting asks first, on the same confirm page as every other step that cannot be undone (issue 18). */
    @PostMapping("/console/apps/webhooks/{id}/delete")
    String delete(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id,
                  @RequestParam(required = false) String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            JsonNode webhook = api.get(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id));
            return Confirm.page(model, "Delete the webhook to " + webhook.path("url").asString() + "?",
                    List.of("No more events are sent to this address, and its delivery log is dropped.",
                            "To receive events there again, add a new webhook: it gets a new secret."),
                    "/console/apps/webhooks/" + Ids.path(id) + "/delete", "Yes, delete the webhook", "/console/apps");
        }
        return Outcome.of(flash, "/console/apps", () -> {
            api.delete(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id));
            return "Webhook deleted.";
        });
    }

    @PostMapping("/console/apps/webhooks/{id}/enable")
    String enable(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/apps/webhooks/" + Ids.path(id), () -> {
            api.patch(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id), Map.of("enabled", true));
            return "Webhook enabled again; waiting deliveries are sent now.";
        });
    }

    @GetMapping("/console/apps/webhooks/{id}")
    String deliveries(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        model.addAttribute("webhook", api.get(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id)));
        model.addAttribute("deliveries", api.get(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id) + "/deliveries")
                .path("items"));
        return "console/webhook";
    }

    @PostMapping("/console/apps/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    String redeliver(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @PathVariable String deliveryId) {
        return Outcome.of(flash, "/console/apps/webhooks/" + Ids.path(id), () -> {
            api.post(request, bearers.own(request), "/api/v1/webhooks/" + Ids.path(id) + "/deliveries/" + Ids.path(deliveryId)
                    + "/redeliver", null);
            return "Sent again.";
        });
    }

    /** The event types offered in the form, as DESIGN.md section 6 lists them. */
    static List<String> eventTypes() {
        return AccountEvent.TYPES;
    }
}
