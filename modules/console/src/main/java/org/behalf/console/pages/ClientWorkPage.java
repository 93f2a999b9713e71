package org.behalf.console.pages;

import java.util.Map;
import java.util.Set;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * A helper's record of their own work for one client (issue 18, "helpers kept in the loop"): the
 * entries they made in the client's log, told in words as the client's own activity page tells
 * them, from {@code GET /api/v1/activity/as-delegate} with the helper's own token (never while
 * acting: it is the helper's page, not the client's).
 */
@Controller
class ClientWorkPage {

    private final ResourceApi api;
    private final Bearers bearers;
    private final People consolePeople;
    private final Catalog catalog;

    ClientWorkPage(ResourceApi api, Bearers bearers, People consolePeople, Catalog catalog) {
        this.api = api;
        this.bearers = bearers;
        this.consolePeople = consolePeople;
        this.catalog = catalog;
    }

    @GetMapping("/console/clients/{holder}/work")
    String work(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String holder,
                @RequestParam(required = false) String cursor) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        Bearer token = bearers.own(request);
        UriComponentsBuilder query = UriComponentsBuilder.fromPath("/api/v1/activity/as-delegate").queryParam("holder", holder)
                .queryParam("limit", 50);
        if (cursor != null && !cursor.isBlank()) {
            query.queryParam("cursor", cursor.strip());
        }
        // Asked first: for someone the helper never helped the API answers 404, and the page says so before naming anyone.
        JsonNode page;
        try {
            page = api.get(request, token, query.encode().build().toUriString());
        } catch (Refusal refused) {
            throw refused.status() == 404
                    ? new Refusal(404, "There is no record of your work for them: you have never helped this person.") : refused;
        }
        People.Lookup lookup = consolePeople.lookup(request, token);
        People.Person client = lookup.of(holder, "Your client");
        String me = ConsoleSession.of(request).memberId();
        Map<String, ActivityStory.Person> people = ActivityStory.people(page.path("items"), Set.of(me), lookup);
        model.addAttribute("client", client);
        model.addAttribute("lines", ActivityStory.forHelper(me, client.name(), people, catalog.words(request))
                .lines(page.path("items")));
        model.addAttribute("next", page.path("next").asString(null));
        return "console/client-work";
    }
}
