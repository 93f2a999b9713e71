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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
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
        return draw(request, model, Typed.none());
    }

    private String draw(HttpServletRequest request, Model model, Typed typed) {
        JsonNode profile = api.get(request, bearers.forAccount(request), "/api/v1/profile");
        model.addAttribute("profile", profile);
        model.addAttribute("skills", String.join(", ", profile.path("skills").valueStream().map(JsonNode::asString).toList()));
        model.addAttribute("typed", typed);
        if (typed.failed()) {
            model.addAttribute("error", "Nothing was saved: " + String.join(" ", typed.errors().values()));
        }
        return "console/profile";
    }

    /** Saves; a refusal draws the form again with what was typed and the words next to the field. */
    @PostMapping("/console/profile")
    String save(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                @RequestParam String headline, @RequestParam String summary, @RequestParam String location,
                @RequestParam String skills, @RequestParam MultiValueMap<String, String> form) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("headline", headline.strip());
        changes.put("summary", summary.strip());
        changes.put("location", location.strip());
        List<String> skillList = Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        changes.put("skills", skillList);
        try {
            flash.addFlashAttribute("notice", Outcome.said(api.patch(request, bearers.forAccount(request), "/api/v1/profile", changes),
                    "Profile saved."));
            return "redirect:/console/profile";
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            if (refused.field() == null) {
                // Not about a field (a refused delegate, a grant's limit): said on top, as before.
                flash.addFlashAttribute("error", refused.getMessage());
                return "redirect:/console/profile";
            }
            response.setStatus(400);
            return draw(request, model, Typed.of(form).refused(refused, Map.of()));
        }
    }
}
