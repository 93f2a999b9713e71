package org.behalf.console.pages;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
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
 * The holder's helpers: every grant with its status, scopes in plain words, expiry and last
 * activity, with revoke and "revoke all"; and the grant form. Always the member's own token: a
 * delegate never manages grants (DESIGN.md section 4, {@code delegation:manage} is never delegable).
 */
@Controller
class HelpersPage {

    private final ResourceApi api;
    private final Bearers bearers;
    private final Catalog catalog;
    private final Clock clock;

    HelpersPage(ResourceApi api, Bearers bearers, Catalog catalog, Clock clock) {
        this.api = api;
        this.bearers = bearers;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/console/helpers")
    String helpers(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        model.addAttribute("grants", api.get(request, bearers.own(request), "/api/v1/delegations?role=holder").path("items"));
        model.addAttribute("approvals", api.get(request, bearers.own(request), "/api/v1/approvals?status=pending").path("items"));
        model.addAttribute("words", catalog.words(request));
        return "console/helpers";
    }

    @GetMapping("/console/helpers/new")
    String form(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        bearers.own(request);
        model.addAttribute("scopes", catalog.scopes(request));
        model.addAttribute("days", DayOfWeek.values());
        return "console/grant-form";
    }

    /**
     * The form as {@code POST /api/v1/delegations} takes it: scopes ticked, those marked for
     * review, a quota per scope where one is typed, the weekday/hours window, IP ranges. The API
     * checks all of it (never-delegable scopes, limits, the cap on open grants).
     */
    @PostMapping("/console/helpers")
    String create(HttpServletRequest request, RedirectAttributes flash, @RequestParam MultiValueMap<String, String> form) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("delegate", first(form, "delegate"));
        List<String> scopes = form.getOrDefault("scope", List.of());
        grant.put("scopes", scopes);
        grant.put("review", form.getOrDefault("review", List.of()));
        String days = first(form, "expiresInDays");
        if (!days.isBlank()) {
            try {
                grant.put("expiresAt", clock.instant().plus(Duration.ofDays(Long.parseLong(days))).toString());
            } catch (NumberFormatException e) {
                flash.addFlashAttribute("error", "expiresInDays: a number of days.");
                return "redirect:/console/helpers/new";
            }
        }
        putIfPresent(grant, "note", first(form, "note"));
        putIfPresent(grant, "terms", first(form, "terms"));
        Map<String, Integer> quotas = new LinkedHashMap<>();
        for (String scope : scopes) {
            String quota = first(form, "quota:" + scope);
            if (!quota.isBlank()) {
                try {
                    quotas.put(scope, Integer.parseInt(quota));
                } catch (NumberFormatException e) {
                    flash.addFlashAttribute("error", "quotas: a whole number of actions per day for " + scope + ".");
                    return "redirect:/console/helpers/new";
                }
            }
        }
        if (!quotas.isEmpty()) {
            grant.put("quotas", quotas);
        }
        List<String> weekdays = form.getOrDefault("day", List.of());
        String start = first(form, "start");
        String end = first(form, "end");
        if (!weekdays.isEmpty() || !start.isBlank() || !end.isBlank()) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("days", weekdays.isEmpty() ? List.of(DayOfWeek.values()).stream().map(Enum::name).toList() : weekdays);
            window.put("start", start.isBlank() ? "00:00" : start);
            window.put("end", end.isBlank() ? "23:59" : end);
            grant.put("window", window);
        }
        putIfPresent(grant, "timeZone", first(form, "timeZone"));
        putIfPresent(grant, "otp", first(form, "otp"));
        List<String> ranges = new ArrayList<>();
        for (String range : first(form, "ipRanges").split("[,\\s]+")) {
            if (!range.isBlank()) {
                ranges.add(range);
            }
        }
        if (!ranges.isEmpty()) {
            grant.put("ipRanges", ranges);
        }
        try {
            api.post(request, bearers.own(request), "/api/v1/delegations", grant);
        } catch (org.behalf.console.calls.Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/console/helpers/new";
        }
        flash.addFlashAttribute("notice", "Invitation to help sent. It waits for them to accept.");
        return "redirect:/console/helpers";
    }

    @PostMapping("/console/helpers/{id}/revoke")
    String revoke(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/helpers", () -> {
            api.post(request, bearers.own(request), "/api/v1/delegations/" + Ids.path(id) + "/revoke", null);
            return "Access revoked. It stops working on their next action.";
        });
    }

    /** A change a helper made under a permission marked for review: done only now, or never. */
    @PostMapping("/console/helpers/approvals/{id}/{decision:approve|reject}")
    String decide(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @PathVariable String decision,
                  @RequestParam(required = false) String overwrite) {
        // Overwriting values changed since the helper proposed them only when the holder ticked it (issue 18 item 1).
        Map<String, Object> body = "approve".equals(decision) && "true".equals(overwrite) ? Map.of("overwrite", true) : null;
        return Outcome.of(flash, "/console/helpers", () -> {
            JsonNode decided = api.post(request, bearers.own(request), "/api/v1/approvals/" + Ids.path(id) + "/" + decision, body);
            return switch (decided.path("status").asString()) {
                case "applied" -> "Approved and done.";
                case "rejected" -> "Rejected; nothing was changed.";
                default -> "Approved, but it could not be done: " + decided.path("result").path("detail").asString();
            };
        });
    }

    @PostMapping("/console/helpers/revoke-all")
    String revokeAll(HttpServletRequest request, RedirectAttributes flash) {
        return Outcome.of(flash, "/console/helpers", () -> {
            int ended = api.post(request, bearers.own(request), "/api/v1/delegations/revoke-all", null).path("items").size();
            return "Revoked all access (" + ended + " grant" + (ended == 1 ? "" : "s") + ").";
        });
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (!value.isBlank()) {
            body.put(name, value);
        }
    }
}
