package org.behalf.console.pages;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The holder's activity log: filters, each entry with its before/after values, and a badge saying
 * whether the log verifies: the server's own check ({@code GET /api/v1/activity/verification}: the
 * chain by the rules of {@code scripts/verify-activity} against the latest signed checkpoint, and the
 * columns the filters search against each entry; DESIGN.md section 7), said in the holder's words;
 * the downloads let the holder check it themself, offline.
 */
@Controller
class ActivityPage {

    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");
    /** The page's filters and its cursor, as the address names them. */
    private static final List<String> FILTERS = List.of("actor", "action", "outcome", "from", "to", "cursor");
    /**
     * A filter given twice in the address: the API refuses one (SECURITY-CASES 24), and the page, which once sent it
     * both joined ("a,b": an empty log, or "This is not a day"), says so next to the field (black-box finding ACTIVITY 5).
     */
    static final String TWICE = "The page's address gives this filter twice: pick one and filter again.";
    /**
     * A cursor that is not one this page made (past the log's end, changed, or given twice): the API refuses it
     * (docs/api.md, "Lists"), where it once answered the newest entries again as if older (black-box finding ACTIVITY 7).
     */
    static final String NOWHERE = "This address does not say where in your log to go on from: it was changed, or not made by this page.";

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

    /**
     * The badge: {@code text} what was found, in the holder's words; when the log was tampered with, {@code advice}
     * what they can do, and {@code detail} the check's own words, for whoever runs Behalf.
     */
    record Badge(String state, String text, String advice, String detail) {

        Badge(String state, String text) {
            this(state, text, null, null);
        }
    }

    @GetMapping("/console/activity")
    String activity(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        Bearer token = bearers.own(request);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                errors.put(name, name.equals("cursor") ? NOWHERE : TWICE);
            }
            given.put(name, values == null || values.length > 1 ? null : values[0]);
        }
        String actor = given.get("actor");
        String from = given.get("from");
        String to = given.get("to");
        dayErrors(from, to).forEach(errors::putIfAbsent);
        UriComponentsBuilder query = UriComponentsBuilder.fromPath("/api/v1/activity").queryParam("limit", 50);
        filter(query, "actor", actor);
        filter(query, "action", given.get("action"));
        filter(query, "outcome", given.get("outcome"));
        filter(query, "from", day(from, 0));
        filter(query, "to", day(to, 1));
        filter(query, "cursor", given.get("cursor"));
        // A filter the page cannot use is said next to its field, the others kept, and no entries listed
        // (black-box finding, 2026-12-07: a bare refusal page naming another field, or an empty log unexplained).
        JsonNode page = JsonNodeFactory.instance.objectNode();
        if (errors.isEmpty()) {
            try {
                page = api.get(request, token, query.encode().build().toUriString());
            } catch (Refusal refused) {
                if (refused.status() != HttpStatus.BAD_REQUEST.value() || !"cursor".equals(refused.field())) {
                    throw refused;
                }
                errors.put("cursor", NOWHERE);
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("errors", errors);
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
        model.addAttribute("filter", new String[] {actor, given.get("action"), given.get("outcome"), from, to});
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

    /**
     * The server's check of the log, in the holder's words: what happened and to which entry (numbered as the table
     * numbers them), and what they can do; the check's own reason stays in the details, for whoever runs Behalf. The
     * badge once named a tamper in the verifier's words ("the content does not match its hash"; black-box finding
     * ACTIVITY 8, 2026-12-07).
     */
    private Badge badge(HttpServletRequest request, Bearer token) {
        JsonNode check;
        try {
            check = api.get(request, token, "/api/v1/activity/verification");
        } catch (Refusal refused) {
            if (refused.unauthorized()) {
                throw refused;
            }
            return new Badge("pending", "Not verified just now: reload the page to try again.");
        }
        long entries = check.path("entries").asLong();
        long signed = check.path("signedUpTo").asLong();
        return switch (check.path("state").asString()) {
            case "verified" -> new Badge("verified", "Chain verified: " + entries + " entries, signed checkpoint at seq " + signed + ".");
            case "broken" -> broken(check.path("problem").asString(), check.path("seq").asLong(), check.path("why").asString());
            default -> new Badge("pending", entries == 0 ? "Nothing to verify yet: your log has no entries."
                    : "Too long to verify here: download the export and use scripts/verify-activity.");
        };
    }

    static Badge broken(String problem, long seq, String why) {
        String happened = switch (problem) {
            case "cut-off" -> "the entries after #" + (seq - 1) + ", which Behalf had signed, are gone.";
            case "checkpoint" -> "its signed checkpoint was altered, so nothing in the log can be confirmed.";
            case "misfiled" -> "entry #" + seq + " is intact, but it is filed under another person, action, outcome or time than "
                    + "it records, so filtering the log hides it or shows it where it does not belong.";
            default -> "entry #" + seq + " is not as Behalf recorded it: it was altered, or an entry was removed or moved there, "
                    + "so the log cannot be trusted from #" + seq + " on.";
        };
        return new Badge("broken", "Your activity log was tampered with: " + happened,
                "Only someone with access to Behalf's database can do this. Download the export and the latest signed checkpoint "
                        + "below and keep them, and tell whoever runs Behalf.",
                "seq " + seq + " (" + problem + "): " + why);
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
