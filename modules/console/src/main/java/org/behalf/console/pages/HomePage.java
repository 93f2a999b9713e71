package org.behalf.console.pages;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Acting;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;

/** The start page: whose account this is, and what waits for the member. */
@Controller
class HomePage {

    private final ResourceApi api;
    private final Bearers bearers;

    HomePage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console")
    String home(HttpServletRequest request, Model model) {
        Acting acting = ConsoleSession.of(request).acting();
        if (acting == null) {
            int pending = 0;
            for (JsonNode grant : api.get(request, bearers.own(request), "/api/v1/delegations?role=delegate").path("items")) {
                pending += "pending".equals(grant.path("status").asString()) ? 1 : 0;
            }
            model.addAttribute("pendingClients", pending);
        }
        if (acting == null || acting.scopes().contains("profile:read")) {
            model.addAttribute("profile", api.get(request, bearers.forAccount(request), "/api/v1/profile"));
        }
        return "console/home";
    }
}
