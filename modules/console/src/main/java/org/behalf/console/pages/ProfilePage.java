package org.behalf.console.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
        model.addAttribute("skills", String.join(", ", profile.path("skills").valueStream().map(JsonNode::asString).toList()));
        model.addAttribute("typed", typed);
        if (typed.failed()) {
            model.addAttribute("error", "Nothing was saved: " + String.join(" ", typed.errors().values()));
        }
        return "console/profile";
    }

    /**
     * Sends only the fields the person changed, compared with the values the form was drawn with
     * ({@code was-…}): a helper's change held for review then carries only what they touched, and
     * approving two of them in turn keeps both (issue 18 item 1). A refusal about a field draws the
     * form again with what was typed and the words next to the field.
     */
    @PostMapping("/console/profile")
    String save(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                @RequestParam String headline, @RequestParam String summary, @RequestParam String location,
                @RequestParam String skills, @RequestParam MultiValueMap<String, String> form,
                @RequestParam(name = "was-headline", required = false) String wasHeadline,
                @RequestParam(name = "was-summary", required = false) String wasSummary,
                @RequestParam(name = "was-location", required = false) String wasLocation,
                @RequestParam(name = "was-skills", required = false) String wasSkills) {
        Map<String, Object> changes = new LinkedHashMap<>();
        putIfChanged(changes, "headline", text(headline), wasHeadline);
        putIfChanged(changes, "summary", text(summary), wasSummary);
        putIfChanged(changes, "location", text(location), wasLocation);
        List<String> skillList = skills(skills);
        if (wasSkills == null || !skillList.equals(skills(wasSkills))) {
            changes.put("skills", skillList);
        }
        if (changes.isEmpty()) {
            flash.addFlashAttribute("notice", "Nothing to save: no field was changed.");
            return "redirect:/console/profile";
        }
        // A refusal about no one field (a grant's limit, say) goes on top of the form, which keeps what was typed.
        Typed typed = Typed.of(form);
        if (ConsoleSession.of(request).acting() == null) {
            changedElsewhere(typed, api.get(request, bearers.forAccount(request), "/api/v1/profile"), changes,
                    Map.of("headline", wasHeadline == null ? "" : text(wasHeadline), "summary", wasSummary == null ? "" : text(wasSummary),
                            "location", wasLocation == null ? "" : text(wasLocation)), wasSkills == null ? null : skills(wasSkills));
        }
        return typed.send(response, () -> api.patch(request, bearers.forAccount(request), "/api/v1/profile", changes),
                refused -> refused, Map.of(), saved -> {
                    flash.addFlashAttribute("notice", Outcome.said(saved, "Profile saved."));
                    return "redirect:/console/profile";
                }, () -> draw(request, model, typed));
    }

    private static final Map<String, String> LABELS = Map.of("headline", "Headline", "summary", "Summary", "location", "Location",
            "skills", "Skills");

    /**
     * A field this form changes that was changed elsewhere after the page was drawn (another tab, a
     * helper's approved change) is not overwritten unseen: the form is drawn again with what was typed
     * and the value now, and saving again replaces it. The second of two tabs silently undid the
     * first's headline (black-box testing, 2026-12-06). The holder's own form only: a helper's reads
     * cost quota and entries, and their changes under review are checked on approval.
     */
    private static void changedElsewhere(Typed typed, JsonNode now, Map<String, Object> changes, Map<String, String> was,
                                         List<String> wasSkills) {
        for (String field : changes.keySet()) {
            boolean moved = field.equals("skills")
                    ? wasSkills != null && !wasSkills.equals(now.path("skills").valueStream().map(JsonNode::asString).toList())
                    : was.containsKey(field) && !was.get(field).equals(now.path(field).asString(""));
            if (moved) {
                String current = field.equals("skills")
                        ? String.join(", ", now.path("skills").valueStream().map(JsonNode::asString).toList()) : now.path(field).asString("");
                typed.error(field, LABELS.get(field) + " was changed elsewhere after you opened this page; it is now \u201c"
                        + (current.length() > 120 ? current.substring(0, 120) + "\u2026" : current)
                        + "\u201d. Save again to replace it with what you typed.");
            }
        }
    }

    /** Browsers send a textarea's line breaks as CRLF; the profile keeps LF. */
    private static String text(String value) {
        return value.replace("\r\n", "\n").strip();
    }

    private static void putIfChanged(Map<String, Object> changes, String field, String value, String was) {
        if (was == null || !value.equals(text(was))) {
            changes.put(field, value);
        }
    }

    private static List<String> skills(String skills) {
        return Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
