package org.behalf.console.pages;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.behalf.auditformat.CanonicalJson;
import org.behalf.auditformat.VerifyActivity;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The holder's activity log: filters, each entry with its before/after values, and a badge saying
 * whether the chain verifies up to the latest signed checkpoint. The badge is computed here with
 * the same verifier as {@code scripts/verify-activity} (DESIGN.md section 7), over the entries and
 * checkpoint the API answers; the downloads let the holder check it themself, offline.
 */
@Controller
class ActivityPage {

    /** Beyond this, the page says to use the offline verifier instead of checking on every view. */
    private static final int VERIFY_AT_MOST = 5_000;
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final ResourceApi api;
    private final Bearers bearers;
    private final People consolePeople;
    private final Catalog catalog;

    ActivityPage(ResourceApi api, Bearers bearers, People consolePeople, Catalog catalog) {
        this.api = api;
        this.bearers = bearers;
        this.consolePeople = consolePeople;
        this.catalog = catalog;
    }

    /** The badge: verified up to a seq, or the first bad seq and why, or why it was not checked. */
    record Badge(String state, String text) {
    }

    @GetMapping("/console/activity")
    String activity(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                    @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String cursor) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        Bearer token = bearers.own(request);
        Map<String, String> dayErrors = dayErrors(from, to);
        UriComponentsBuilder query = UriComponentsBuilder.fromPath("/api/v1/activity").queryParam("limit", 50);
        filter(query, "actor", actor);
        filter(query, "action", action);
        filter(query, "outcome", outcome);
        filter(query, "from", day(from, 0));
        filter(query, "to", day(to, 1));
        filter(query, "cursor", cursor);
        // A day the filter cannot use is said next to its field, the filter kept, and no entries listed
        // (black-box finding, 2026-12-07: a bare refusal page naming another field, or an empty log unexplained).
        JsonNode page = dayErrors.isEmpty() ? api.get(request, token, query.encode().build().toUriString())
                : JsonNodeFactory.instance.objectNode();
        if (!dayErrors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("dayErrors", dayErrors);
        JsonNode items = page.path("items");
        String account = ConsoleSession.of(request).memberId();
        JsonNode grants = api.get(request, token, "/api/v1/delegations?role=holder").path("items");
        Map<String, ActivityStory.Person> people = people(request, token, items, grants);
        model.addAttribute("lines", new ActivityStory(account, people, invitationsFrom(request, token, items),
                undone(request, token), catalog.words(request), helpers(grants, people)).lines(items));
        model.addAttribute("people", picker(account, actor, people, grants));
        model.addAttribute("actions", ActivityStory.actionChoices());
        model.addAttribute("entries", items);
        model.addAttribute("next", page.path("next").asString(null));
        model.addAttribute("filter", new String[] {actor, action, outcome, from, to});
        model.addAttribute("badge", badge(request, token));
        return "console/activity";
    }

    /** Undoes a helper's change (issue 18): the API checks that the fields still hold what the change left. */
    @PostMapping("/console/activity/{id}/revert")
    String revert(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id) {
        return Outcome.of(flash, "/console/activity", () -> {
            api.post(request, bearers.own(request), "/api/v1/activity/" + Ids.path(id) + "/revert", null);
            return "Undone: the values from before that change are back.";
        });
    }

    /**
     * A date from a date input (the day on the viewer's clock, as the page's times are; {@code plusDays}
     * 1 for an inclusive end), or an ISO instant as typed.
     */
    private static String day(String value, int plusDays) {
        LocalDate day = parsedDay(value);
        if (day == null) {
            return null;
        }
        // A day outside the years the log's times can hold (a database TIMESTAMP: 1970 to 2038) bounds nothing: a
        // From before them is from the first entry, a To after them up to now. The last day a date field offers,
        // 9999-12-31 "included", ended in year 10000, which the API refused (black-box finding, 2026-12-07), and a
        // From of 0001-01-01 matched no entry on MySQL.
        LocalDate bound = day.plusDays(plusDays);
        boolean unbounded = plusDays == 0 ? bound.getYear() < 1971 : bound.getYear() > 2037;
        return unbounded ? null : bound.atStartOfDay(When.viewer()).toInstant().toString();
    }

    /** The day typed, or null when none was or it is no day (said by {@link #dayErrors}). */
    private static LocalDate parsedDay(String value) {
        if (value == null || !value.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.DateTimeException notADay) {
            return null;
        }
    }

    /** What is wrong with the days of the filter, by field, in words. */
    private static Map<String, String> dayErrors(String from, String to) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String[] field : new String[][] {{"from", from}, {"to", to}}) {
            if (field[1] != null && !field[1].isBlank() && parsedDay(field[1]) == null) {
                errors.put(field[0], "This is not a day: pick one in the calendar, or type it as year-month-day (2026-12-31).");
            }
        }
        LocalDate first = parsedDay(from);
        LocalDate last = parsedDay(to);
        if (first != null && last != null && last.isBefore(first)) {
            errors.put("to", "This day is before the From day, so no entry can be between them: pick a later day, or an earlier From.");
        }
        return errors;
    }

    /** The person filter: you, your helpers and anyone on this page, by name and handle, never a bare id. */
    private static Map<String, String> picker(String account, String actor, Map<String, ActivityStory.Person> people,
                                              JsonNode grants) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(account, "You");
        for (JsonNode grant : grants) {
            String id = grant.path("delegate").path("id").asString("");
            if (!id.isEmpty() && people.containsKey(id)) {
                options.put(id, people.get(id).name() + " (@" + people.get(id).handle() + ")");
            }
        }
        people.forEach((id, person) -> options.putIfAbsent(id, person.name() + " (@" + person.handle() + ")"));
        if (actor != null && !actor.isBlank()) {
            options.putIfAbsent(actor.strip(), actor.strip());
        }
        return options;
    }

    /** Each grant's helper, by grant id: by name and handle where they are a member, else the address the offer went to. */
    private static Map<String, String> helpers(JsonNode grants, Map<String, ActivityStory.Person> people) {
        Map<String, String> helpers = new HashMap<>();
        for (JsonNode grant : grants) {
            ActivityStory.Person person = people.get(grant.path("delegate").path("id").asString(""));
            String invited = grant.path("delegate").path("invited").asString("");
            // An offer not yet accepted names only what the holder typed (whether that person has an account stays untold).
            String named = person != null ? person.name() + " (@" + person.handle() + ")"
                    : invited.isBlank() || invited.contains("@") ? invited : "@" + invited;
            if (!named.isBlank()) {
                helpers.put(grant.path("id").asString(), named);
            }
        }
        return helpers;
    }

    /** Ids of entries the holder already undid, so that their Revert button is gone. */
    private Set<String> undone(HttpServletRequest request, Bearer token) {
        Set<String> ids = new HashSet<>();
        api.get(request, token, "/api/v1/activity?action=activity.revert&outcome=success&limit=200").path("items")
                .forEach(entry -> ids.add(entry.path("target").path("id").asString("")));
        return ids;
    }

    /** For the invitations this page mentions as answered, who sent them. */
    private Map<String, String> invitationsFrom(HttpServletRequest request, Bearer token, JsonNode entries) {
        Map<String, String> from = new HashMap<>();
        boolean answered = false;
        for (JsonNode entry : entries) {
            answered |= entry.path("action").asString().matches("invitation\\.(accept|decline|ignore)");
        }
        if (answered) {
            api.get(request, token, "/api/v1/invitations?direction=received&limit=100").path("items").forEach(invitation ->
                    from.put(invitation.path("id").asString(), invitation.path("from").path("displayName").asString()));
        }
        return from;
    }

    @GetMapping("/console/activity/export")
    ResponseEntity<String> export(HttpServletRequest request) {
        return download(api.text(request, bearers.own(request), "GET", "/api/v1/activity/export"), "activity.jsonl", JSON_LINES);
    }

    @GetMapping("/console/activity/checkpoint")
    ResponseEntity<String> checkpoint(HttpServletRequest request) {
        return download(api.text(request, bearers.own(request), "GET", "/api/v1/activity/checkpoints/latest"),
                "checkpoint.txt", MediaType.TEXT_PLAIN);
    }

    @GetMapping("/console/activity/keys")
    ResponseEntity<String> keys(HttpServletRequest request) {
        return download(api.text(request, null, "GET", "/api/v1/activity/keys"), "audit-keys.txt", MediaType.TEXT_PLAIN);
    }

    /** Members this page names (actors, invitees, helpers), by id, with the name and handle their public profile shows. */
    private Map<String, ActivityStory.Person> people(HttpServletRequest request, Bearer token, JsonNode entries, JsonNode grants) {
        Set<String> helpers = new java.util.LinkedHashSet<>();
        grants.forEach(grant -> helpers.add(grant.path("delegate").path("id").asString("")));
        return ActivityStory.people(entries, helpers, consolePeople.lookup(request, token));
    }

    private Badge badge(HttpServletRequest request, Bearer token) {
        String checkpoint;
        try {
            checkpoint = api.text(request, token, "GET", "/api/v1/activity/checkpoints/latest");
        } catch (Refusal none) {
            if (none.unauthorized()) {
                throw none;
            }
            return new Badge("pending", "No signed checkpoint yet (one is made every minute).");
        }
        String keys = api.text(request, null, "GET", "/api/v1/activity/keys");
        // The list pages (newest first) rather than the export: reading is not an export, and the
        // list is not recorded as one (DESIGN.md section 2 rule 6 is about bulk exports).
        List<String> lines = new ArrayList<>();
        String cursor = null;
        do {
            UriComponentsBuilder page = UriComponentsBuilder.fromPath("/api/v1/activity").queryParam("limit", 200);
            filter(page, "cursor", cursor);
            JsonNode answer = api.get(request, token, page.encode().build().toUriString());
            // The page was parsed, so its bytes are gone: each entry is written back in the canonical form
            // it was stored in, which the verifier requires byte for byte (docs/security.md rule 33).
            // Jackson's toString() is not that form for every value (it writes 1e+21 as 1.0E21, and
            // escapes control characters in upper-case hex).
            answer.path("items").forEach(entry -> lines.add(CanonicalJson.of(entry)));
            cursor = answer.path("next").asString(null);
            if (lines.size() > VERIFY_AT_MOST) {
                return new Badge("pending", "Too long to verify here: download the export and use scripts/verify-activity.");
            }
        } while (cursor != null);
        Collections.reverse(lines);
        try {
            VerifyActivity.Result result = VerifyActivity.verify(String.join("\n", lines), List.of(checkpoint), keys);
            long signed = checkpoint.lines().skip(1).findFirst().map(Long::parseLong).orElse(0L);
            return result.valid()
                    ? new Badge("verified", "Chain verified: " + result.validUpTo() + " entries, signed checkpoint at seq " + signed + ".")
                    : new Badge("broken", "Does not verify at seq " + result.firstBad() + ": " + result.why());
        } catch (RuntimeException e) {
            return new Badge("broken", "Could not verify: " + e.getMessage());
        }
    }

    private static void filter(UriComponentsBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.queryParam(name, value.strip());
        }
    }

    private static ResponseEntity<String> download(String body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(new MediaType(type, StandardCharsets.UTF_8)).body(body);
    }
}
