package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.FieldNames;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Creating an account: the form for {@code POST /api/v1/members} (DESIGN.md section 5), then sign-in. */
@Controller
class SignUpPage {

    /** The form's fields in the order the page shows them, named as the API names them. */
    private static final List<String> FIELDS = List.of("handle", "displayName", "email", "password");

    /** Each field's name in words, as the list of problems at the top says it ("E-mail: …"). */
    private static final Map<String, String> LABELS = labels();

    private final ResourceApi api;
    private final Bearers bearers;

    SignUpPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/signup")
    String form(Model model) {
        return draw(model, Typed.none());
    }

    @PostMapping("/console/signup")
    String signUp(HttpServletRequest request, HttpServletResponse response, Model model, @RequestParam String handle, @RequestParam String email,
                  @RequestParam String displayName, @RequestParam String password) {
        Map<String, Object> member = new LinkedHashMap<>();
        // As typed: the API trims plain spaces and refuses any other character at the ends, which
        // strip() here cut off without a word (docs/security.md rule 40).
        member.put("handle", handle);
        member.put("email", email);
        member.put("displayName", displayName);
        member.put("password", password);
        // What is drawn back into the form after a refusal: never the password.
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("handle", handle);
        typed.add("email", email);
        typed.add("displayName", displayName);
        try {
            api.post(request, bearers.console(request), "/api/v1/members", member);
        } catch (Refusal refused) {
            if (refused.status() == 429) {
                // docs/security.md rule 37: past the limit the page is 429 with Retry-After, as the
                // sign-in page's; it was 200 (black-box finding, 2026-12-07).
                response.setStatus(429);
                if (refused.retryAfter() != null) {
                    response.setHeader("Retry-After", refused.retryAfter());
                }
            } else if (refused.status() == 400) {
                // A refused form is drawn again with 400 and the words next to the field at fault, tied to it
                // (docs/console.md; black-box finding, 2026-12-07: 200, and the words only in a banner).
                response.setStatus(400);
            }
            // Every problem the API found, each next to its field (the API names them all at once: one
            // per submit made a person send the form once per wrong field), and all of them on top.
            return draw(model, Typed.of(typed).refused(refused, Typed::besideField, Map.of()));
        }
        return "redirect:/login?created";
    }

    private static String draw(Model model, Typed typed) {
        model.addAttribute("typed", typed);
        model.addAttribute("wrong", FIELDS.stream().filter(typed::hasError).toList());
        model.addAttribute("labels", LABELS);
        return "console/signup";
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        FIELDS.forEach(field -> labels.put(field, FieldNames.plain(field)));
        return Map.copyOf(labels);
    }
}
