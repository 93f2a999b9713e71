package org.behalf.console.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The profile editor, for the member's own profile or, in acting mode, the client's: the same
 * {@code PATCH /api/v1/profile}, so a delegate's edit needs {@code profile:write} in the grant and
 * lands in the holder's activity log with its before and after.
 */
@Controller
class ProfilePage {

    private final ResourceApi api;
    private final Bearers bearers;

    ProfilePage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/profile")
    String profile(HttpServletRequest request, Model model) {
        JsonNode profile = api.get(request, bearers.forAccount(request), "/api/v1/profile");
        model.addAttribute("profile", profile);
        model.addAttribute("skills", String.join(", ", profile.path("skills").valueStream().map(JsonNode::asString).toList()));
        return "console/profile";
    }

    @PostMapping("/console/profile")
    String save(HttpServletRequest request, RedirectAttributes flash, @RequestParam String headline,
                @RequestParam String summary, @RequestParam String location, @RequestParam String skills) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("headline", headline.strip());
        changes.put("summary", summary.strip());
        changes.put("location", location.strip());
        List<String> skillList = Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        changes.put("skills", skillList);
        return Outcome.of(flash, "/console/profile", () -> {
            return Outcome.said(api.patch(request, bearers.forAccount(request), "/api/v1/profile", changes), "Profile saved.");
        });
    }
}
