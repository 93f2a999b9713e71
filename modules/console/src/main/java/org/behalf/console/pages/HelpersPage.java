package org.behalf.console.pages;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.FieldNames;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The holder's helpers: every grant with its status, helper (name and handle), limits in plain
 * words and expiry, each with a details page to change (narrow, extend, re-bound) or revoke it;
 * "revoke all"; and the grant form. Always the member's own token: a delegate never manages
 * grants (DESIGN.md section 4, {@code delegation:manage} is never delegable). A refused form is
 * drawn again with everything typed and the words next to the field ({@link Typed}); revoking asks
 * first ({@link Confirm}).
 */
@Controller
class HelpersPage {

    /** The API's field names that the grant forms call otherwise. */
    private static final Map<String, String> FORM_NAMES = Map.of("expiresAt", "expiresOn", "review", "scopes",
            "quotas", "scopes", "window", "hours");

    private final ResourceApi api;
    private final Bearers bearers;
    private final Catalog catalog;
    private final People people;
    private final EndDates endDates;

    HelpersPage(ResourceApi api, Bearers bearers, Catalog catalog, People people, EndDates endDates) {
        this.api = api;
        this.bearers = bearers;
        this.catalog = catalog;
        this.people = people;
        this.endDates = endDates;
    }

    /** One grant as the holder's pages show it: the helper by name and handle, and its limits. */
    record HolderGrant(JsonNode grant, People.Person helper, Limits limits) {

        public String id() {
            return grant.path("id").asString();
        }

        public String status() {
            return grant.path("status").asString();
        }

        public boolean open() {
            return "active".equals(status()) || "pending".equals(status());
        }

        /** When an ended grant ended: revoked, resigned or declined then; expired at its end. Its end date means nothing any more. */
        public String endedAt() {
            String ended = grant.path("endedAt").asString("");
            return ended.isEmpty() ? grant.path("expiresAt").asString("") : ended;
        }
    }

    @GetMapping("/console/helpers")
    String helpers(HttpServletRequest request, Model model, RedirectAttributes flash) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        Bearer token = bearers.own(request);
        List<Catalog.ScopeInfo> scopes = catalog.scopes(request);
        People.Lookup names = people.lookup(request, token);
        List<HolderGrant> grants = new ArrayList<>();
        for (JsonNode grant : api.get(request, token, "/api/v1/delegations?role=holder").path("items")) {
            grants.add(holderGrant(grant, names, scopes));
        }
        model.addAttribute("grants", grants);
        // "Revoke all access" only while someone has access or an offer is open: with nobody, it offered to end nothing.
        model.addAttribute("anyOpen", grants.stream().anyMatch(HolderGrant::open));
        model.addAttribute("approvals", api.get(request, token, "/api/v1/approvals?status=pending").path("items"));
        model.addAttribute("words", catalog.words(request));
        return "console/helpers";
    }

    /** {@code ?delegate=<handle>}: the link an assistant's operator gives out (AssistantsPage), the handle filled in. */
    @GetMapping("/console/helpers/new")
    String form(HttpServletRequest request, Model model, RedirectAttributes flash, @RequestParam(required = false) String delegate) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        bearers.own(request);
        Typed typed = Typed.none();
        if (delegate != null) {
            typed.values().add("delegate", delegate);
        }
        return drawForm(request, model, typed);
    }

    private String drawForm(HttpServletRequest request, Model model, Typed typed) {
        model.addAttribute("agent", agent(request, typed.value("delegate").strip()));
        model.addAttribute("scopes", catalog.scopes(request));
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("typed", typed);
        model.addAttribute("ends", endDates.in(typed.value("timeZone")));
        if (typed.failed()) {
            model.addAttribute("error", "The invitation was not sent: " + String.join(" ", typed.errors().values()));
        }
        return "console/grant-form";
    }

    /**
     * The AI assistant the handle names, with the person who runs it, for the form to say so
     * (issue 21: "the grant form says it is an AI assistant and who runs it"); null for anyone else.
     * Only agents are told ({@code GET /api/v1/agents/{handle}}): whether a person has an account
     * stays untold (SECURITY-CASES 27).
     */
    private JsonNode agent(HttpServletRequest request, String handle) {
        String segment = Ids.handle(handle);
        if (segment == null) {
            return null;
        }
        try {
            return api.get(request, bearers.own(request), "/api/v1/agents/" + segment);
        } catch (Refusal notAnAgent) {
            if (notAnAgent.unauthorized()) {
                throw notAnAgent;
            }
            return null;
        }
    }

    /**
     * The form as {@code POST /api/v1/delegations} takes it: scopes ticked, those marked for
     * review, a quota per scope where one is typed, the weekday/hours window, IP ranges. The API
     * checks all of it (never-delegable scopes, limits, the cap on open grants); a refusal draws the
     * form again as it was typed.
     */
    @PostMapping("/console/helpers")
    String create(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                  @RequestParam MultiValueMap<String, String> form) {
        Typed typed = Typed.of(form);
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("delegate", first(form, "delegate"));
        putIfPresent(grant, "terms", first(form, "terms"));
        limits(form, grant, typed, true);
        return typed.send(response, () -> api.post(request, bearers.own(request), "/api/v1/delegations", grant),
                refused -> plainly(refused, form), FORM_NAMES, created -> {
                    flash.addFlashAttribute("notice", "Invitation to help sent. It waits for them to accept.");
                    return "redirect:/console/helpers";
                }, () -> drawForm(request, model, typed));
    }

    /** One grant: who, its status, every limit, and the form to narrow, extend or re-bound it. */
    @GetMapping("/console/helpers/{id}")
    String grant(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        return drawGrant(request, model, id, null);
    }

    private String drawGrant(HttpServletRequest request, Model model, String id, Typed typed) {
        Bearer token = bearers.own(request);
        List<Catalog.ScopeInfo> scopes = catalog.scopes(request);
        JsonNode grant = api.get(request, token, "/api/v1/delegations/" + Ids.path(id));
        HolderGrant shown = holderGrant(grant, people.lookup(request, token), scopes);
        if (typed == null) {
            typed = Typed.of(current(grant));
        } else {
            model.addAttribute("error", "Nothing was changed: " + String.join(" ", typed.errors().values()));
        }
        model.addAttribute("g", shown);
        model.addAttribute("drawn", parts(current(grant)));
        model.addAttribute("title", shown.helper().name() + "'s access");
        model.addAttribute("typed", typed);
        model.addAttribute("words", catalog.words(request));
        model.addAttribute("writing", catalog.writing(request));
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("ends", endDates.in(grant.path("timeZone").asString("UTC")));
        return "console/grant";
    }

    /**
     * {@code PATCH /api/v1/delegations/{id}}: the API lets scopes only shrink, and asks for a code where
     * limits widen. Only the parts the person changed on the page are sent ({@link SinceDrawn}), and a
     * part they changed that was changed elsewhere since the page was drawn comes back with what was
     * typed and the value now: a page open in an older tab sent every limit as it had drawn it, and
     * saving a note there lifted the hours and IP ranges set meanwhile in another tab, widening the
     * grant unseen (black-box finding 3, 2026-12-07; DESIGN.md section 4, the holder decides every limit).
     */
    @PostMapping("/console/helpers/{id}")
    String change(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash,
                  @PathVariable String id, @RequestParam MultiValueMap<String, String> form) {
        Map<String, String> typedParts = parts(form);
        SinceDrawn since = SinceDrawn.of(form, typedParts.keySet());
        Set<String> changed = since.changed(typedParts);
        if (changed.isEmpty() && first(form, "otp").isEmpty()) {
            flash.addFlashAttribute("notice", "Nothing to change: no field was changed.");
            return "redirect:/console/helpers/" + Ids.path(id);
        }
        Bearer token = bearers.own(request);
        JsonNode now = api.get(request, token, "/api/v1/delegations/" + Ids.path(id));
        // Drawn again, the parts not changed here show their value now, so that saving again changes only the others.
        MultiValueMap<String, String> shown = current(now);
        shown.keySet().removeIf(name -> changed.contains(part(name)));
        form.forEach((name, values) -> {
            if (changed.contains(part(name))) {
                shown.put(name, values);
            }
        });
        Typed typed = Typed.of(shown);
        Map<String, Object> changes = new LinkedHashMap<>();
        limits(form, changes, typed, false);
        changes.keySet().removeIf(field -> typedParts.containsKey(field) && !changed.contains(field));
        if (changed.contains("note")) {
            // An emptied note is sent empty, which clears it (the API's empty text); left out, it kept the old one.
            changes.put("note", first(form, "note"));
        }
        Map<String, String> words = catalog.words(request);
        since.changedElsewhere(typed, changed, parts(current(now)), part -> FORM_NAMES.getOrDefault(part, part),
                part -> elsewhere(part, since, now, words, catalog.scopes(request)));
        return typed.send(response, () -> api.patch(request, bearers.own(request), "/api/v1/delegations/" + Ids.path(id), changes),
                refused -> plainly(refused, form), FORM_NAMES, done -> {
                    flash.addFlashAttribute("notice", "Access changed. It applies from their next action.");
                    return "redirect:/console/helpers/" + Ids.path(id);
                }, () -> drawGrant(request, model, id, typed));
    }

    @PostMapping("/console/helpers/{id}/revoke")
    String revoke(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id,
                  @RequestParam(defaultValue = "") String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            Bearer token = bearers.own(request);
            HolderGrant grant = holderGrant(api.get(request, token, "/api/v1/delegations/" + Ids.path(id)),
                    people.lookup(request, token), catalog.scopes(request));
            return Confirm.page(model, "Revoke " + grant.helper().name() + "'s access?",
                    List.of(grant.helper().named() + " can no longer act for you, from their very next action.",
                            "Changes they made stay; changes waiting for your review stay there for you to decide.",
                            "To let them help again, you give access anew and they accept it again."),
                    "/console/helpers/" + Ids.path(id) + "/revoke", "Yes, revoke " + grant.helper().name() + "'s access",
                    "/console/helpers/" + Ids.path(id));
        }
        return Outcome.of(flash, "/console/helpers", () -> {
            api.post(request, bearers.own(request), "/api/v1/delegations/" + Ids.path(id) + "/revoke", null);
            return "Access revoked. It stops working on their next action.";
        });
    }

    /** A change a helper made under a permission marked for review: done only now, or never. */
    @PostMapping("/console/helpers/approvals/{id}/{decision:approve|reject}")
    String decide(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @PathVariable String decision,
                  @RequestParam(required = false) String overwrite) {
        // Overwriting values changed since the helper proposed them only when the holder ticked it (issue 18 item 1).
        Map<String, Object> body = "approve".equals(decision) && "true".equals(overwrite) ? Map.of("overwrite", true) : null;
        return Outcome.of(flash, "/console/helpers", () -> {
            JsonNode decided = api.post(request, bearers.own(request), "/api/v1/approvals/" + Ids.path(id) + "/" + decision, body);
            return switch (decided.path("status").asString()) {
                case "applied" -> "Approved and done.";
                case "rejected" -> "Rejected; nothing was changed.";
                default -> "Approved, but it could not be done: " + decided.path("result").path("detail").asString();
            };
        });
    }

    @PostMapping("/console/helpers/revoke-all")
    String revokeAll(HttpServletRequest request, Model model, RedirectAttributes flash, @RequestParam(defaultValue = "") String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            bearers.own(request);
            return Confirm.page(model, "Revoke everyone's access?",
                    List.of("Every helper loses access to your account, from their very next action.",
                            "Offers not yet accepted are withdrawn.",
                            "Apps you allowed to act for you keep their own access: you remove it under Account, Apps you allowed."),
                    "/console/helpers/revoke-all", "Yes, revoke all access", "/console/helpers");
        }
        return Outcome.of(flash, "/console/helpers", () -> {
            int ended = api.post(request, bearers.own(request), "/api/v1/delegations/revoke-all", null).path("items").size();
            return "Revoked all access (" + ended + " grant" + (ended == 1 ? "" : "s") + ").";
        });
    }

    private HolderGrant holderGrant(JsonNode grant, People.Lookup names, List<Catalog.ScopeInfo> scopes) {
        String invited = grant.path("delegate").path("invited").asString("");
        People.Person helper = names.of(grant.path("delegate").path("id").asString(null), invited);
        return new HolderGrant(grant, helper, Limits.of(grant, scopes));
    }

    /** A grant's present limits as the change form's fields, so the form opens as the grant is. */
    private static MultiValueMap<String, String> current(JsonNode grant) {
        MultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
        grant.path("scopes").forEach(scope -> form.add("scope", scope.asString()));
        grant.path("review").forEach(scope -> form.add("review", scope.asString()));
        grant.path("quotas").properties().forEach(quota -> form.add("quota:" + quota.getKey(), quota.getValue().asString()));
        JsonNode window = grant.path("window");
        if (!window.isMissingNode() && !window.isNull()) {
            window.path("days").forEach(day -> form.add("day", day.asString()));
            form.add("start", window.path("start").asString());
            form.add("end", window.path("end").asString());
        }
        form.add("timeZone", grant.path("timeZone").asString("UTC"));
        form.add("ipRanges", String.join(", ", grant.path("ipRanges").valueStream().map(JsonNode::asString).toList()));
        form.add("note", grant.path("note").asString(""));
        form.add("expiresOn", endDate(grant));
        return form;
    }

    /**
     * The parts of a grant its page changes, each as one value of the change form's fields (the
     * API's field names): what {@link SinceDrawn} compares, and what the page carries as {@code was-…}.
     */
    private static Map<String, String> parts(MultiValueMap<String, String> form) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("scopes", String.join(" ", new TreeSet<>(form.getOrDefault("scope", List.of()))));
        parts.put("review", String.join(" ", new TreeSet<>(form.getOrDefault("review", List.of()))));
        Set<String> quotas = new TreeSet<>();
        form.forEach((name, values) -> {
            if (name.startsWith("quota:") && !first(form, name).isEmpty()) {
                quotas.add(name.substring("quota:".length()) + "=" + first(form, name));
            }
        });
        parts.put("quotas", String.join(" ", quotas));
        List<String> days = form.getOrDefault("day", List.of()).stream().sorted().toList();
        parts.put("window", days.isEmpty() && first(form, "start").isEmpty() && first(form, "end").isEmpty() ? ""
                : String.join(",", days) + " " + first(form, "start") + "-" + first(form, "end"));
        parts.put("timeZone", first(form, "timeZone"));
        parts.put("ipRanges", String.join(", ", ranges(form)));
        parts.put("note", first(form, "note"));
        parts.put("expiresAt", first(form, "expiresOn"));
        return parts;
    }

    /** The part of the grant a field of the change form belongs to ({@link #parts}); null for none (the code). */
    private static String part(String field) {
        return switch (field) {
            case "scope" -> "scopes";
            case "review", "timeZone", "ipRanges", "note" -> field;
            case "day", "start", "end" -> "window";
            case "expiresOn" -> "expiresAt";
            default -> field.startsWith("quota:") ? "quotas" : null;
        };
    }

    /**
     * What a part changed elsewhere is now, in the words of the grant's page; a permission taken out
     * meanwhile is named in the catalog's words, and the boxes are drawn as the grant is now (black-box
     * finding 4, 2026-12-07: "not in this grant: profile:write", as if the holder had tried to give more).
     */
    private static String elsewhere(String part, SinceDrawn since, JsonNode now, Map<String, String> words,
                                    List<Catalog.ScopeInfo> scopes) {
        if (part.equals("scopes")) {
            Set<String> removed = new TreeSet<>(List.of(since.drawn().get("scopes").split(" ")));
            now.path("scopes").forEach(scope -> removed.remove(scope.asString()));
            List<String> named = removed.stream().filter(scope -> !scope.isEmpty())
                    .map(scope -> "\u201c" + words.getOrDefault(scope, scope) + "\u201d").toList();
            return String.join(" and ", named) + (named.size() == 1 ? " was" : " were") + " taken out of this grant elsewhere "
                    + "after you opened this page. The boxes show the permissions it has now; save again to keep those ticked.";
        }
        Limits limits = Limits.of(now, scopes);
        return SinceDrawn.changedTo(FieldNames.plain(part), switch (part) {
            case "review" -> now.path("review").isEmpty() ? "(none)" : String.join("; ",
                    now.path("review").valueStream().map(scope -> words.getOrDefault(scope.asString(), scope.asString())).toList());
            case "quotas" -> Limits.quotas(now.path("quotas"), words);
            case "window" -> limits.when();
            case "ipRanges" -> limits.where();
            case "expiresAt" -> endDate(now);
            default -> now.path(part).asString("");
        });
    }

    /** The day the grant ends in its own time zone, as the form's date field shows it; empty if unreadable. */
    private static String endDate(JsonNode grant) {
        try {
            ZoneId zone = ZoneId.of(grant.path("timeZone").asString("UTC"));
            return java.time.Instant.parse(grant.path("expiresAt").asString()).atZone(zone).toLocalDate().toString();
        } catch (RuntimeException noExpiry) {
            return "";
        }
    }

    /**
     * The limits both grant forms send: scopes with review and quotas, the end date (the end of
     * that day in the grant's time zone), days and hours, time zone, IP ranges, note, code. What the
     * console itself can tell is wrong is said next to its field; the rest the API checks.
     */
    private void limits(MultiValueMap<String, String> form, Map<String, Object> grant, Typed typed, boolean creating) {
        List<String> scopes = form.getOrDefault("scope", List.of());
        grant.put("scopes", scopes);
        grant.put("review", form.getOrDefault("review", List.of()));
        String zone = first(form, "timeZone");
        String end = first(form, "expiresOn");
        // The form shows only the end's date: sent back unchanged, it would move the end to 23:59 of that
        // day, a later end the API counts as widening (it asked for the 2-step code to save a note). A change
        // sends it only when the date itself was changed (change, SinceDrawn).
        if (!end.isBlank()) {
            try {
                ZoneId in = ZoneOffset.UTC;
                try {
                    in = zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
                } catch (RuntimeException unknownZone) {
                    // the API says so, next to the time zone
                }
                grant.put("expiresAt", LocalDate.parse(end).atTime(LocalTime.of(23, 59)).atZone(in).toInstant().toString());
            } catch (DateTimeParseException e) {
                typed.error("expiresOn", "End date: a date such as " + endDates.in(zone).suggested() + ".");
            }
        }
        putIfPresent(grant, "note", first(form, "note"));
        Map<String, Integer> quotas = new LinkedHashMap<>();
        for (String scope : scopes) {
            String quota = first(form, "quota:" + scope);
            if (!quota.isBlank()) {
                try {
                    quotas.put(scope, Integer.parseInt(quota));
                } catch (NumberFormatException e) {
                    typed.error("quota:" + scope, "Daily limits: a whole number of actions per day.");
                }
            }
        }
        if (!quotas.isEmpty() || !creating) {
            grant.put("quotas", quotas);
        }
        List<String> weekdays = form.getOrDefault("day", List.of());
        String start = first(form, "start");
        String until = first(form, "end");
        if (!weekdays.isEmpty() || !start.isBlank() || !until.isBlank()) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("days", weekdays.isEmpty() ? List.of(DayOfWeek.values()).stream().map(Enum::name).toList() : weekdays);
            window.put("start", start.isBlank() ? "00:00" : start);
            window.put("end", until.isBlank() ? "23:59" : until);
            grant.put("window", window);
        } else if (!creating) {
            // No days and no times is "any day, any time": a window left out of a change keeps the old
            // hours, so unticking them all changed nothing; null removes them (GrantRequest).
            grant.put("window", null);
        }
        putIfPresent(grant, "timeZone", zone);
        putIfPresent(grant, "otp", first(form, "otp"));
        List<String> ranges = ranges(form);
        if (!ranges.isEmpty() || !creating) {
            grant.put("ipRanges", ranges);
        }
    }

    /**
     * The refusal in the form's words: a time zone the API does not know is said with the one
     * meant where its city names one ("Lisbon is not a time zone — try Europe/Lisbon"); a daily
     * limit's ({@code quotas.profile:read}) goes next to that permission's limit, {@code quota:profile:read}.
     */
    private static Refusal plainly(Refusal refused, MultiValueMap<String, String> form) {
        String field = refused.field() == null ? "" : refused.field();
        if (field.startsWith("quotas.")) {
            return new Refusal(refused.status(), refused.getMessage(), "quota:" + field.substring("quotas.".length()));
        }
        if (!"timeZone".equals(field)) {
            return refused;
        }
        String typed = first(form, "timeZone");
        String city = typed.replace(' ', '_').toLowerCase(Locale.ROOT);
        String meant = ZoneId.getAvailableZoneIds().stream().filter(zone -> zone.toLowerCase(Locale.ROOT).endsWith("/" + city))
                .sorted().findFirst().orElse(null);
        return new Refusal(refused.status(), "Time zone: " + typed + " is not a time zone — "
                + (meant == null ? "use a name such as Europe/Paris or America/New_York." : "try " + meant + "."), "timeZone");
    }

    /** The IP ranges typed, apart at commas and spaces. */
    private static List<String> ranges(MultiValueMap<String, String> form) {
        List<String> ranges = new ArrayList<>();
        for (String range : first(form, "ipRanges").split("[,\\s]+")) {
            if (!range.isBlank()) {
                ranges.add(range);
            }
        }
        return ranges;
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static void putIfPresent(Map<String, Object> body, String name, String value) {
        if (!value.isBlank()) {
            body.put(name, value);
        }
    }
}
