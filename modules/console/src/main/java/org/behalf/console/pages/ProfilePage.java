package org.behalf.console.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.FieldNames;
import org.behalf.console.calls.FormAccount;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Acting;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

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
        Acting acting = ConsoleSession.of(request).acting();
        // A grant that may change but not read the profile: nothing is asked that would be refused (issue 18 item 10).
        JsonNode profile = acting != null && !acting.scopes().contains("profile:read")
                ? JsonNodeFactory.instance.objectNode().put("displayName", acting.holderName()).put("unreadable", true)
                : api.get(request, bearers.forAccount(request), "/api/v1/profile");
        model.addAttribute("profile", profile);
        // A grant without profile:write is offered no form and no Save, and the page says so in words (docs/console.md,
        // Acting mode): a helper typed into a form the API then refused in its own words (black-box testing, 2026-12-07).
        model.addAttribute("writable", acting == null || acting.scopes().contains("profile:write"));
        model.addAttribute("skills", String.join(", ", profile.path("skills").valueStream().map(JsonNode::asString).toList()));
        model.addAttribute("typed", typed);
        if (typed.failed()) {
            model.addAttribute("error", "Nothing was saved: " + String.join(" ", typed.errors().values()));
        }
        return "console/profile";
    }

    /**
     * Sends only the fields the person changed, compared with the values the form was drawn with
     * ({@link SinceDrawn}): a helper's change held for review then carries only what they touched, and
     * approving two of them in turn keeps both (issue 18 item 1). A refusal about a field draws the
     * form again with what was typed and the words next to the field.
     */
    @PostMapping("/console/profile")
    String save(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                @RequestParam String headline, @RequestParam String summary, @RequestParam String location,
                @RequestParam String skills, @RequestParam MultiValueMap<String, String> form) {
        Map<String, String> typedParts = new LinkedHashMap<>();
        typedParts.put("headline", headline);
        typedParts.put("summary", summary);
        typedParts.put("location", location);
        typedParts.put("skills", String.join(", ", skills(skills)));
        SinceDrawn since = SinceDrawn.of(form, typedParts.keySet());
        Set<String> changed = since.changed(typedParts);
        Map<String, Object> changes = new LinkedHashMap<>();
        changed.forEach(field -> changes.put(field, field.equals("skills") ? skills(skills) : SinceDrawn.text(typedParts.get(field))));
        if (changes.isEmpty()) {
            flash.addFlashAttribute("notice", "Nothing to save: no field was changed.");
            return "redirect:/console/profile";
        }
        // A refusal about no one field (a grant's limit, say) goes on top of the form, which keeps what was typed.
        Typed typed = Typed.of(form);
        // A form drawn for another account is refused as such when sent (FormAccount), not compared with this one's values.
        Bearer account = bearers.forAccount(request);
        if (ConsoleSession.of(request).acting() == null && FormAccount.drawnFor(request, account)) {
            // The holder's own form only: a helper's reads cost quota and entries, and their changes under review are
            // checked on approval.
            Map<String, String> now = parts(api.get(request, account, "/api/v1/profile"));
            since.changedElsewhere(typed, changed, now, field -> field, field -> SinceDrawn.changedTo(FieldNames.plain(field), now.get(field)));
        }
        return typed.send(response, () -> api.patch(request, bearers.forAccount(request), "/api/v1/profile", changes),
                refused -> refused, Map.of(), saved -> {
                    flash.addFlashAttribute("notice", Outcome.said(saved, "Profile saved."));
                    return "redirect:/console/profile";
                }, () -> draw(request, model, typed));
    }

    /** The profile's fields as the form's parts: text as it is, skills as the form lists them. */
    private static Map<String, String> parts(JsonNode profile) {
        return Map.of("headline", profile.path("headline").asString(""), "summary", profile.path("summary").asString(""),
                "location", profile.path("location").asString(""),
                "skills", String.join(", ", profile.path("skills").valueStream().map(JsonNode::asString).toList()));
    }

    private static List<String> skills(String skills) {
        return Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
