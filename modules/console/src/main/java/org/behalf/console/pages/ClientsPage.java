package org.behalf.console.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The delegate's side: grants offered to them (accept after reading the terms, or decline), the
 * active ones ("Work as", resign) and the ended ones. Accepting, declining and resigning are the
 * delegate's own acts, with their own token (DESIGN.md section 6).
 */
@Controller
class ClientsPage {

    private final ResourceApi api;
    private final Bearers bearers;
    private final Catalog catalog;
    private final When when;

    ClientsPage(ResourceApi api, Bearers bearers, Catalog catalog, When when) {
        this.api = api;
        this.bearers = bearers;
        this.catalog = catalog;
        this.when = when;
    }

    /**
     * A grant as the delegate sees it, with the holder's public name and every limit in plain words;
     * {@code which} tells it from another grant of the same holder (its note, or when it was
     * offered), null when the holder gave only this one (issue 18, "two grants told apart").
     */
    /** The longest note, in characters, a heading and a button's label carry whole. */
    private static final int WHICH_LENGTH = 40;

    record ClientGrant(JsonNode grant, String holderName, String holderHandle, Limits limits, String which) {

        /** For a button's label, which grant it acts on: " (“Keep my headline current”)"; nothing for a holder's only grant. */
        public String apart() {
            return which == null ? "" : " (" + which + ")";
        }

        public String status() {
            return grant.path("status").asString();
        }

        /** Ended: revoked by the holder, expired, declined or resigned; shown as such, never hidden. */
        public boolean ended() {
            return !"active".equals(status()) && !"pending".equals(status());
        }
    }

    @GetMapping("/console/clients")
    String clients(HttpServletRequest request, Model model) {
        Bearer token = bearers.own(request);
        Map<String, JsonNode> people = new HashMap<>();
        List<ClientGrant> grants = new ArrayList<>();
        List<Catalog.ScopeInfo> catalogScopes = catalog.scopes(request);
        JsonNode items = api.get(request, token, "/api/v1/delegations?role=delegate").path("items");
        Map<String, Long> perHolder = items.valueStream().collect(java.util.stream.Collectors.groupingBy(
                grant -> grant.path("holder").path("id").asString(), java.util.stream.Collectors.counting()));
        for (JsonNode grant : items) {
            JsonNode holder = people.computeIfAbsent(grant.path("holder").path("id").asString(),
                    id -> api.get(request, token, "/api/v1/members/" + Ids.path(id)));
            String note = grant.path("note").asString("");
            String offered = "offered " + when.text(grant.path("createdAt").asString(""));
            String which = perHolder.get(grant.path("holder").path("id").asString()) < 2 ? null
                    : note.isBlank() ? offered : firstWords(note.strip(), offered);
            grants.add(new ClientGrant(grant, holder.path("displayName").asString(), holder.path("handle").asString(),
                    Limits.of(grant, catalogScopes), which));
        }
        model.addAttribute("grants", grants);
        model.addAttribute("words", catalog.words(request));
        // The helper's own record of the changes they proposed and what became of them (issue 18 item 1).
        model.addAttribute("proposed", api.get(request, token, "/api/v1/approvals?role=delegate").path("items"));
        return "console/clients";
    }

    /**
     * A note as the heading and the buttons' labels tell a grant apart: whole when short; else its first
     * words and the day it was offered (two long notes may begin alike). The whole note was read out in
     * the heading and in every button's label, 1,000 characters each (black-box finding 10, 2026-12-07;
     * WCAG 2.4.6); it stays on the page as text.
     */
    private static String firstWords(String note, String offered) {
        if (note.codePointCount(0, note.length()) <= WHICH_LENGTH) {
            return "\u201c" + note + "\u201d";
        }
        String start = note.substring(0, note.offsetByCodePoints(0, WHICH_LENGTH));
        int space = start.lastIndexOf(' ');
        String cut = (space > WHICH_LENGTH / 2 ? start.substring(0, space) : start).strip();
        return "\u201c" + cut + "\u2026\u201d, " + offered;
    }

    @PostMapping("/console/clients/{id}/{answer:accept|decline|resign}")
    String answer(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @PathVariable String answer) {
        return Outcome.of(flash, "/console/clients", () -> {
            api.post(request, bearers.own(request), "/api/v1/delegations/" + Ids.path(id) + "/" + answer, null);
            ConsoleSession session = ConsoleSession.of(request);
            if (!answer.equals("accept") && session.acting() != null && session.acting().grantId().equals(id)) {
                session.stopActing();
            }
            return switch (answer) {
                case "accept" -> "Accepted. Use \"Work as\" to act for them.";
                case "decline" -> "Declined.";
                default -> "You no longer help with this account.";
            };
        });
    }

    /** "Work as <client>": a delegation token for this grant, from now on used for the client's pages. */
    @PostMapping("/console/clients/{id}/act")
    String act(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        Bearer token = bearers.own(request);
        try {
            JsonNode grant = null;
            for (JsonNode candidate : api.get(request, token, "/api/v1/delegations?role=delegate").path("items")) {
                if (candidate.path("id").asString().equals(id)) {
                    grant = candidate;
                }
            }
            if (grant == null) {
                throw new Refusal(404, "No such grant.");
            }
            JsonNode holder = api.get(request, token, "/api/v1/members/" + Ids.path(grant.path("holder").path("id").asString()));
            List<String> scopes = grant.path("scopes").valueStream().map(JsonNode::asString).toList();
            Limits limits = Limits.of(grant, catalog.scopes(request));
            List<String> lines = new ArrayList<>(limits.permissions());
            lines.add(limits.when());
            lines.add(limits.where());
            bearers.startActing(request, id, holder.path("id").asString(), holder.path("displayName").asString(), scopes,
                    Instant.parse(grant.path("expiresAt").asString()), lines);
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/console/clients";
        }
        return "redirect:/console";
    }

    @PostMapping("/console/acting/stop")
    String stop(HttpServletRequest request, RedirectAttributes flash) {
        ConsoleSession.of(request).stopActing();
        flash.addFlashAttribute("notice", "You are working on your own account again.");
        return "redirect:/console/clients";
    }
}
