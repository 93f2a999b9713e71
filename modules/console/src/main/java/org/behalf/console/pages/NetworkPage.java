package org.behalf.console.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Acting;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Invitations (received and sent), connections and search. Each part is drawn only if the token
 * allows it: a delegate whose grant lacks a scope sees that part refused, and the refusal is in
 * the holder's activity log like any other.
 */
@Controller
class NetworkPage {

    /** An invitee's answers, and the shared connection's to an introduction asked of them ("forward", or "decline"). */
    private static final Set<String> ANSWERS = Set.of("accept", "decline", "ignore", "forward");

    private final ResourceApi api;
    private final Bearers bearers;

    NetworkPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    /**
     * While acting, only what the grant allows is asked of the API, so that merely viewing the page
     * writes no refusal into the client's activity log (issue 18 item 10); the parts the grant
     * does not cover say so instead. Searching is never done for someone else (network:search is
     * never delegable, DESIGN.md section 4).
     */
    @GetMapping("/console/network")
    String network(HttpServletRequest request, Model model, @RequestParam(required = false) String q) {
        return draw(request, model, q, Typed.none());
    }

    private String draw(HttpServletRequest request, Model model, String q, Typed typed) {
        model.addAttribute("typed", typed);
        if (typed.failed()) {
            model.addAttribute("error", "The invitation was not sent: " + String.join(" ", typed.errors().values()));
        }
        Bearer token = bearers.forAccount(request);
        Acting acting = ConsoleSession.of(request).acting();
        Set<String> may = acting == null ? null : Set.copyOf(acting.scopes());
        model.addAttribute("may", may);
        if (may == null || may.contains("invitations:read")) {
            section(model, "received", () -> api.get(request, token, "/api/v1/invitations?direction=received").path("items"));
            section(model, "sent", () -> api.get(request, token, "/api/v1/invitations?direction=sent").path("items"));
            // Introductions others asked of this member, to pass on to a connection of theirs (DESIGN.md section 6, "via").
            section(model, "introductions", () -> api.get(request, token, "/api/v1/invitations?direction=introductions").path("items"));
        } else {
            model.addAttribute("receivedRefused", "Your access does not include their invitations.");
            model.addAttribute("sentRefused", "Your access does not include their invitations.");
        }
        if (may == null || may.contains("connections:read")) {
            section(model, "connections", () -> api.get(request, token, "/api/v1/connections").path("items"));
        } else {
            model.addAttribute("connectionsRefused", "Your access does not include their connections.");
        }
        if (q != null && !q.isBlank()) {
            model.addAttribute("q", q);
            if (acting != null) {
                model.addAttribute("hitsRefused", "Only " + acting.holderName() + " may search their network: it is never "
                        + "done for someone else.");
            } else {
                section(model, "hits", () -> api.get(request, token, UriComponentsBuilder.fromPath("/api/v1/network/search")
                        .queryParam("q", q).queryParam("degree", 3).encode().build().toUriString()).path("items"));
            }
        }
        return "console/network";
    }

    /**
     * A refusal draws the page again with what was typed and the words next to its field (400), where
     * it went back to an empty form with the API's field names on top ("Member: …", "Note: …" for a
     * field labelled Message; black-box testing, 2026-12-06).
     */
    @PostMapping("/console/network/invitations")
    String invite(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                  @RequestParam MultiValueMap<String, String> form) {
        String to = form.getFirst("to") == null ? "" : form.getFirst("to");
        String message = form.getFirst("message");
        String via = form.getFirst("via");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to.strip());
        if (via != null && !via.isBlank()) {
            body.put("via", via.strip());
        }
        if (message != null && !message.isBlank()) {
            body.put("message", message.strip());
        }
        Typed typed = Typed.of(form);
        return typed.send(response, () -> api.post(request, bearers.forAccount(request), "/api/v1/invitations", body),
                // Said next to the field it is about, under the form's own label: no API name in front.
                Typed::besideField,
                Map.of("via", "to"), sent -> {
                    flash.addFlashAttribute("notice", Outcome.said(sent, via == null || via.isBlank() ? "Invitation sent."
                            : "Introduction asked for: your connection passes it on."));
                    return "redirect:/console/network";
                }, () -> draw(request, model, null, typed));
    }

    @PostMapping("/console/network/invitations/{id}/{answer}")
    String answer(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @PathVariable String answer) {
        if (!ANSWERS.contains(answer)) {
            flash.addFlashAttribute("error", "Unknown answer.");
            return "redirect:/console/network";
        }
        return Outcome.of(flash, "/console/network", () -> {
            return Outcome.said(api.post(request, bearers.forAccount(request), "/api/v1/invitations/" + Ids.path(id) + "/" + answer, null),
                    answer.equals("forward") ? "Introduction passed on: it waits for their answer."
                            : "Invitation " + (answer.equals("accept") ? "accepted" : answer.equals("decline") ? "declined" : "ignored") + ".");
        });
    }

    @PostMapping("/console/network/invitations/{id}/withdraw")
    String withdraw(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/network", () -> {
            api.delete(request, bearers.forAccount(request), "/api/v1/invitations/" + Ids.path(id));
            return "Invitation withdrawn.";
        });
    }

    @PostMapping("/console/network/connections/{memberId}/remove")
    String remove(HttpServletRequest request, RedirectAttributes flash, @PathVariable String memberId) {
        return Outcome.of(flash, "/console/network", () -> {
            api.delete(request, bearers.forAccount(request), "/api/v1/connections/" + Ids.path(memberId));
            return "Connection removed.";
        });
    }

    /** A part the token may not see shows the refusal in its place; the rest of the page still works. */
    private static void section(Model model, String name, java.util.function.Supplier<Object> load) {
        try {
            model.addAttribute(name, load.get());
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            model.addAttribute(name + "Refused", refused.getMessage());
        }
    }
}
