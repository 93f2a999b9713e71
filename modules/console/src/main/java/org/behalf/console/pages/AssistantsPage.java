package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The AI assistants a person runs (DESIGN.md section 6, "AI assistants"; issue 21): each is a
 * member of kind {@code agent} whose operator is this person ({@code /api/v1/agents}, the person's
 * own account only, never while acting for someone). The page tells how the assistant's MCP client
 * connects and gives the link an account holder opens to grant it.
 */
@Controller
class AssistantsPage {

    private static final Map<String, String> FORM_NAMES = Map.of();

    private final ResourceApi api;
    private final Bearers bearers;

    AssistantsPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/assistants")
    String assistants(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        return draw(request, model, Typed.none());
    }

    /** The operator names the assistant and chooses the password its MCP client's sign-in page will take. */
    @PostMapping("/console/assistants")
    String create(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                  @RequestParam MultiValueMap<String, String> form) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        Typed typed = Typed.of(new LinkedMultiValueMap<>(form));
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("handle", form.getFirst("handle"));
        agent.put("displayName", form.getFirst("displayName"));
        agent.put("password", form.getFirst("password"));
        // The password is never drawn back into the form.
        typed.values().remove("password");
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/agents", agent),
                refused -> refused, FORM_NAMES, created -> {
                    flash.addFlashAttribute("notice", "Assistant " + created.path("handle").asString()
                            + " created. Give its handle to the people it will help.");
                    return "redirect:/console/assistants";
                }, () -> draw(request, model, typed));
    }

    private String draw(HttpServletRequest request, Model model, Typed typed) {
        model.addAttribute("agents", api.get(request, bearers.own(request), "/api/v1/agents").path("items"));
        model.addAttribute("typed", typed);
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        model.addAttribute("base", base);
        if (typed.failed()) {
            model.addAttribute("error", "The assistant was not created: " + String.join(" ", typed.errors().values()));
        }
        return "console/assistants";
    }
}
