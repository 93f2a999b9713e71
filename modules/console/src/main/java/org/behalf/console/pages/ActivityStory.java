package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The activity log told in sentences (issue 18 item 10): "Rita changed your headline", "Amir
 * accepted an invitation from Clive Smith"; a run of the same read by the same person is one line
 * ("Rita read your profile (3 times)"). The entries themselves stay as recorded: the sentence is
 * only how the page says them.
 */
final class ActivityStory {

    /** A person as shown: display name and handle. */
    record Person(String name, String handle) {
    }

    /** One line of the page: the sentence, the newest entry it tells, how many entries, and what can be done. */
    record Line(String sentence, JsonNode entry, int count, String who, String handle, List<Shown> changes,
                boolean revertable) {
    }

    /** A field of a change as people read it; {@code before} is null where the entry leaves it out (a helper's own record). */
    record Shown(String label, JsonNode before, JsonNode after) {
    }

    /** The profile's fields, as the sentences name them ("Rita changed your headline"). */
    private static final Map<String, String> LABELS = Map.of("headline", "headline", "location", "location", "summary",
            "summary", "skills", "skills", "positions", "positions", "education", "education", "privateFields",
            "what is hidden from others");
    /**
     * Every other field an entry records, in words for the change list (issue 18, "field names and
     * API words never shown to people"); a field not named here is said by splitting its name
     * ({@link #words}), never as the API spells it.
     */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("expiresAt", "ends"), Map.entry("timeZone", "time zone"), Map.entry("ipRanges", "from where (IP ranges)"),
            Map.entry("quotas", "daily limits"), Map.entry("window", "days and hours"), Map.entry("review", "held for your review"),
            Map.entry("scopes", "permissions"), Map.entry("scope", "permission"), Map.entry("termsHash", "terms (fingerprint)"),
            Map.entry("sessionsEnded", "sessions ended"), Map.entry("previousSecretValidUntil", "old secret works until"),
            Map.entry("previousSecretExpiresAt", "old secret works until"), Map.entry("recoveryCodes", "recovery codes"),
            Map.entry("totp", "two-step sign-in"), Map.entry("url", "address"), Map.entry("range", "entries"),
            Map.entry("overwrote", "replaced newer values"), Map.entry("to", "to"), Map.entry("via", "introduced by"),
            Map.entry("invitations.withdrawn", "invitations withdrawn"), Map.entry("invitations.ignored", "invitations ignored"),
            Map.entry("firstName", "first name"), Map.entry("lastName", "last name"), Map.entry("displayName", "name"),
            Map.entry("grantTypes", "sign-in kinds"), Map.entry("redirectUris", "return addresses"),
            Map.entry("body", "message"));

    /** Changes an approval request records about the request itself, not about the account. */
    private static final Set<String> ABOUT_THE_REQUEST = Set.of("action", "request", "body");
    private static final Set<String> UNDOABLE = Set.of("profile.update", "contact.update", "contact.create", "invitation.send", "invitation.accept",
            "invitation.decline", "invitation.ignore");
    /** Past tense and infinitive of what each action does, for the sentences. */
    private static final Map<String, String[]> SAID = Map.ofEntries(
            Map.entry("profile.read", new String[] {"read your profile", "read your profile"}),
            Map.entry("member.read", new String[] {"looked at a member's profile", "look at a member's profile"}),
            Map.entry("connection.list", new String[] {"looked at your connections", "see your connections"}),
            Map.entry("invitation.list", new String[] {"looked at your invitations", "see your invitations"}),
            Map.entry("network.search", new String[] {"searched your network", "search your network"}),
            Map.entry("contact.list", new String[] {"looked at your contacts", "see your contacts"}),
            Map.entry("contact.read", new String[] {"looked at a contact", "see a contact"}),
            Map.entry("contact.create", new String[] {"added a contact", "add a contact"}),
            Map.entry("contact.update", new String[] {"changed a contact", "change a contact"}),
            Map.entry("contact.delete", new String[] {"removed a contact", "remove a contact"}),
            Map.entry("contact.import", new String[] {"imported contacts", "import contacts"}),
            Map.entry("contact.log", new String[] {"noted a meeting or call with a contact", "note a meeting or call with a contact"}),
            Map.entry("contact.interactions", new String[] {"looked at a contact's history", "see a contact's history"}),
            Map.entry("conversation.list", new String[] {"looked at your conversations", "see your conversations"}),
            Map.entry("message.list", new String[] {"read a conversation", "read a conversation"}),
            Map.entry("message.send", new String[] {"sent a message", "send a message"}),
            Map.entry("profile.update", new String[] {"changed your profile", "change your profile"}),
            Map.entry("invitation.send", new String[] {"sent an invitation", "send an invitation"}),
            Map.entry("invitation.accept", new String[] {"accepted an invitation", "accept an invitation"}),
            Map.entry("invitation.decline", new String[] {"declined an invitation", "decline an invitation"}),
            Map.entry("invitation.ignore", new String[] {"ignored an invitation", "ignore an invitation"}),
            Map.entry("invitation.withdraw", new String[] {"withdrew an invitation", "withdraw an invitation"}),
            Map.entry("invitation.forward", new String[] {"passed an invitation on", "pass an invitation on"}),
            Map.entry("conversation.mark_read", new String[] {"marked a conversation read", "mark a conversation read"}),
            Map.entry("connection.remove", new String[] {"removed a connection", "remove a connection"}),
            Map.entry("delegation.exchange", new String[] {"started working for you", "start working for you"}),
            Map.entry("delegation.create", new String[] {"offered someone access", "offer someone access"}),
            Map.entry("delegation.accept", new String[] {"accepted your offer of access", "accept an offer of access"}),
            Map.entry("delegation.decline", new String[] {"declined your offer of access", "decline an offer of access"}),
            Map.entry("delegation.resign", new String[] {"stopped helping you", "stop helping you"}),
            Map.entry("delegation.revoke", new String[] {"revoked a helper's access", "revoke access"}),
            Map.entry("delegation.revoke_all", new String[] {"revoked all access", "revoke all access"}),
            Map.entry("delegation.update", new String[] {"changed a helper's access", "change a helper's access"}),
            Map.entry("delegation.expire", new String[] {"ended a helper's access at its expiry", "end access"}),
            Map.entry("delegation.lapse", new String[] {"let an unanswered offer lapse", "let an offer lapse"}),
            Map.entry("delegation.list", new String[] {"looked at your helpers", "see your helpers"}),
            Map.entry("approval.request", new String[] {"proposed a change for your review", "propose a change"}),
            Map.entry("approval.approve", new String[] {"approved a proposed change", "approve a change"}),
            Map.entry("approval.reject", new String[] {"rejected a proposed change", "reject a change"}),
            Map.entry("approval.list", new String[] {"looked at changes waiting for review", "see changes waiting for review"}),
            Map.entry("activity.revert", new String[] {"undid a change", "undo a change"}),
            Map.entry("activity.list", new String[] {"read your activity log", "read your activity log"}),
            Map.entry("api.options", new String[] {"asked which requests an address takes", "ask which requests an address takes"}),
            Map.entry("api.request", new String[] {"used an address Behalf does not offer", "use an address Behalf does not offer"}),
            Map.entry("activity.as_delegate", new String[] {"read the record of your work for someone", "read the record of your work for someone"}),
            Map.entry("activity.export", new String[] {"exported your activity log", "export your activity log"}),
            Map.entry("activity.verify", new String[] {"checked your activity log", "check your activity log"}),
            Map.entry("data.export", new String[] {"exported your data", "export your data"}),
            Map.entry("account.sign_in", new String[] {"signed in", "sign in"}),
            Map.entry("account.close", new String[] {"closed the account", "close the account"}),
            Map.entry("account.password_change", new String[] {"changed the password", "change the password"}),
            Map.entry("account.password_reset", new String[] {"set a new password with a reset code", "reset the password"}),
            Map.entry("account.password_reset_request", new String[] {"asked for a password reset", "ask for a password reset"}),
            Map.entry("account.session_end", new String[] {"ended a session", "end a session"}),
            Map.entry("account.sessions", new String[] {"looked at where you are signed in", "see where you are signed in"}),
            Map.entry("account.sessions_end", new String[] {"signed out everywhere", "sign out everywhere"}),
            Map.entry("account.totp_enable", new String[] {"turned on two-step sign-in", "turn on two-step sign-in"}),
            Map.entry("account.totp_disable", new String[] {"turned off two-step sign-in", "turn off two-step sign-in"}),
            Map.entry("account.totp_setup", new String[] {"started setting up two-step sign-in", "set up two-step sign-in"}),
            Map.entry("account.totp_read", new String[] {"looked at two-step sign-in", "see two-step sign-in"}),
            Map.entry("account.totp_recovery_codes", new String[] {"made new recovery codes", "make new recovery codes"}),
            Map.entry("app.allow", new String[] {"allowed an app", "allow an app"}),
            Map.entry("app.withdraw", new String[] {"took back an app's access", "take back an app's access"}),
            Map.entry("client.register", new String[] {"registered an app", "register an app"}),
            Map.entry("client.delete", new String[] {"deleted an app", "delete an app"}),
            Map.entry("client.list", new String[] {"looked at your apps", "see your apps"}),
            Map.entry("client.read", new String[] {"looked at an app", "see an app"}),
            Map.entry("client.rotate_secret", new String[] {"made a new secret for an app", "make a new app secret"}),
            Map.entry("webhook.create", new String[] {"added a webhook", "add a webhook"}),
            Map.entry("webhook.update", new String[] {"changed a webhook", "change a webhook"}),
            Map.entry("webhook.delete", new String[] {"removed a webhook", "remove a webhook"}),
            Map.entry("webhook.disable", new String[] {"disabled a webhook after a day of failed deliveries", "disable a webhook"}),
            Map.entry("webhook.redeliver", new String[] {"sent a webhook delivery again", "send a delivery again"}),
            Map.entry("webhook.rotate_secret", new String[] {"made a new secret for a webhook", "make a new webhook secret"}));

    /**
     * What an action does, as "add a contact" ("change Hana's profile" with {@code holderName}, for the
     * helper who proposed it; "your" for the holder when it is empty): a held change is named by it
     * (docs/console.md), never by the API's "contact.create".
     */
    static String deed(String action, String holderName) {
        String[] said = said(action);
        String deed = said != null ? said[1] : words(action);
        return holderName == null || holderName.isEmpty() ? deed : aboutHolder(deed, holderName);
    }

    /**
     * A value in words where it names fields: what is hidden from others, ["location", "skills"], is
     * "Location, Skills" (from their labels), never the API's names.
     */
    static JsonNode inWords(String field, JsonNode value) {
        if (!"privateFields".equals(field) || !value.isArray()) {
            return value;
        }
        ArrayNode words = JsonNodeFactory.instance.arrayNode();
        value.forEach(name -> words.add(name.isString() ? capital(label(name.asString())) : name.asString()));
        return words;
    }

    /** The action filter's choices: each action by what it does, in words ("Change your profile"), sorted by those words. */
    static Map<String, String> actionChoices() {
        Map<String, String> choices = new java.util.LinkedHashMap<>();
        SAID.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(said -> said[1])))
                .forEach(e -> choices.put(e.getKey(), capital(e.getValue()[1])));
        return choices;
    }

    private final String account;
    private final Map<String, Person> people;
    private final Map<String, String> invitationFrom;
    private final Set<String> undone;
    /** The holder's name when a helper reads their own work for them ("You changed Hana's headline"); null for the holder. */
    private final String holderName;
    /** Each scope in plain words (the catalog's), for changes that list permissions: never "profile:read". */
    private final Map<String, String> scopeWords;
    /** The helper of each of the holder's grants, by grant id, as "Rita Smith (@rita)" or the address the offer went to. */
    private final Map<String, String> helpers;
    /** What each proposed change was to change ("headline and summary"), by approval id, from the requests on this page. */
    private final Map<String, String> proposed = new HashMap<>();

    /**
     * @param invitationFrom for invitations the account received, the sender's name by invitation id
     * @param undone         ids of entries the holder undid already
     * @param helpers        the helper of each grant, by grant id, to name them in entries about their access
     */
    ActivityStory(String account, Map<String, Person> people, Map<String, String> invitationFrom, Set<String> undone,
                  Map<String, String> scopeWords, Map<String, String> helpers) {
        this(account, people, invitationFrom, undone, null, scopeWords, helpers);
    }

    private ActivityStory(String account, Map<String, Person> people, Map<String, String> invitationFrom, Set<String> undone,
                          String holderName, Map<String, String> scopeWords, Map<String, String> helpers) {
        this.account = account;
        this.people = people;
        this.invitationFrom = invitationFrom;
        this.undone = undone;
        this.holderName = holderName;
        this.scopeWords = scopeWords;
        this.helpers = helpers;
    }

    /** A helper's own entries in a client's log, told to the helper: "You changed Hana's headline." */
    static ActivityStory forHelper(String helper, String holderName, Map<String, Person> people, Map<String, String> scopeWords) {
        return new ActivityStory(helper, people, Map.of(), Set.of(), holderName, scopeWords, Map.of());
    }

    /** Members the entries name, by id (actors, and those invitations went to), with {@code also} first. */
    static Map<String, Person> people(JsonNode entries, Set<String> also, People.Lookup lookup) {
        Set<String> ids = new java.util.LinkedHashSet<>(also);
        for (JsonNode entry : entries) {
            ids.add(entry.path("actor").path("id").asString(""));
            entry.path("changes").forEach(change -> {
                if ("to".equals(change.path("field").asString()) || "via".equals(change.path("field").asString())) {
                    ids.add(change.path("after").asString(""));
                }
            });
        }
        Map<String, Person> people = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            // Only members: an app's or the system's id is no one to look up. One the API will not show stays unnamed.
            People.Person person = id.startsWith("mbr_") ? lookup.of(id, "") : null;
            if (person != null && !person.handle().isEmpty()) {
                people.put(id, new Person(person.name(), person.handle()));
            }
        }
        return people;
    }

    List<Line> lines(JsonNode entries) {
        for (JsonNode entry : entries) {
            if ("approval.request".equals(entry.path("action").asString()) && !fields(entry).isEmpty()) {
                proposed.put(entry.path("target").path("id").asString(""), fields(entry));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            Line last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (last != null && sameRead(last.entry(), entry)) {
                lines.set(lines.size() - 1, new Line(plural(last.sentence(), last.count() + 1), last.entry(), last.count() + 1,
                        last.who(), last.handle(), last.changes(), false));
                continue;
            }
            lines.add(line(entry));
        }
        return lines;
    }

    private Line line(JsonNode entry) {
        String actorId = entry.path("actor").path("id").asString("");
        String kind = entry.path("actor").path("kind").asString("");
        Person person = people.get(actorId);
        String who = account.equals(actorId) && ("holder".equals(kind) || holderName != null) ? "You"
                : "system".equals(kind) ? "Behalf"
                : "app".equals(kind) ? "The app " + actorId
                : person != null ? person.name() : "Someone";
        List<Shown> shown = new ArrayList<>();
        for (JsonNode change : entry.path("changes")) {
            String field = change.path("field").asString();
            // An addition records every field, the empty ones too (for undoing it); an empty one says nothing here.
            boolean nothingAdded = change.path("before").isNull() && (change.path("after").isNull()
                    || (change.path("after").isString() && change.path("after").asString().isEmpty())
                    || (change.path("after").isArray() && change.path("after").isEmpty()));
            if (nothingAdded) {
                continue;
            }
            if (!("approval.request".equals(entry.path("action").asString()) && ABOUT_THE_REQUEST.contains(field))) {
                // A helper's own entries come without the values before, which are the holder's (docs/activity-log.md).
                shown.add(new Shown(capital(label(field)), change.has("before") ? shown(field, change.path("before")) : null,
                        shown(field, change.path("after"))));
            }
        }
        boolean approved = "holder".equals(kind) && entry.path("reason").asString("").startsWith("Applies approval ");
        boolean revertable = "success".equals(entry.path("outcome").asString()) && UNDOABLE.contains(entry.path("action").asString())
                && ("delegate".equals(kind) || "app".equals(kind) || approved) && !undone.contains(entry.path("id").asString());
        return new Line(sentence(entry, who, approved), entry, 1, who, person == null ? null : person.handle(), shown, revertable);
    }

    private String sentence(JsonNode entry, String who, boolean approved) {
        String action = entry.path("action").asString();
        String outcome = entry.path("outcome").asString();
        String[] said = Objects.requireNonNullElse(said(action), new String[] {"did " + action, "do " + action});
        String reason = entry.path("reason").asString("");
        if ("denied".equals(outcome)) {
            return aboutHolder(who + " tried to " + said[1] + ("You".equals(who) ? " and were refused" : " and was refused")) + (reason.isBlank() ? "." : ": " + reason);
        }
        if ("error".equals(outcome)) {
            return aboutHolder(who + " tried to " + said[1] + ", which failed") + (reason.isBlank() ? "." : ": " + reason);
        }
        String fields = fields(entry);
        String target = entry.path("target").path("id").asString("");
        return aboutHolder(switch (action) {
            case "profile.update" -> fields.isEmpty() ? who + " saved your profile, changing nothing."
                    : (approved ? "Your approval changed your " : who + " changed your ") + fields + ".";
            case "approval.request" -> fields.isEmpty() ? who + " proposed a change for your review."
                    : who + " proposed changing your " + fields + ", for your review.";
            // Which change: "You approved a proposed change." left the holder to guess (black-box finding, 2026-12-07).
            case "approval.approve" -> who + (proposed.containsKey(target) ? " approved the proposed change to your " + proposed.get(target)
                    : " approved a proposed change")
                    + (entry.path("changes").toString().contains("\"overwrote\"") ? ", replacing newer values." : ".");
            case "activity.revert" -> fields.isEmpty() ? who + " undid a change." : who + " undid a change to your " + fields + ".";
            case "invitation.send" -> who + " sent an invitation" + to(entry) + ".";
            case "invitation.accept", "invitation.decline", "invitation.ignore" ->
                    who + " " + said[0] + (invitationFrom.containsKey(target) ? " from " + invitationFrom.get(target) : "") + ".";
            // Which helper: "You offered someone access" left the holder to guess (black-box testing, 2026-12-06).
            case "delegation.create" -> helpers.containsKey(target) ? who + " offered " + helpers.get(target) + " access."
                    : who + " " + said[0] + ".";
            case "delegation.revoke" -> helpers.containsKey(target) ? who + " revoked the access of " + helpers.get(target) + "."
                    : who + " " + said[0] + ".";
            case "delegation.update" -> helpers.containsKey(target) ? who + " changed the access of " + helpers.get(target) + "."
                    : who + " " + said[0] + ".";
            default -> who + " " + said[0] + ".";
        });
    }

    /**
     * The sentences, and the catalog's words for permissions, speak to the holder ("your headline");
     * told to a helper, they name the holder instead.
     */
    private String aboutHolder(String sentence) {
        return holderName == null ? sentence : aboutHolder(sentence, holderName);
    }

    private static String aboutHolder(String sentence, String holderName) {
        String whose = holderName + "'s ";
        return sentence.replace("Your approval", whose + "approval").replace("your ", whose)
                .replaceAll(" you([.,:( ]|$)", " " + Matcher.quoteReplacement(holderName) + "$1");
    }

    /** A field's name in words: "expiresAt" is "ends", an unknown "someFieldName" is "some field name". */
    static String label(String field) {
        String known = LABELS.containsKey(field) ? LABELS.get(field) : FIELDS.get(field);
        return known != null ? known : words(field);
    }

    /**
     * What an action did, in the two forms of {@link #SAID}, or null for one it has no words for. A
     * request no endpoint declares is recorded as {@code undeclared.<its handler>} for the operators,
     * and told as an address Behalf does not offer, never by its Java name (black-box finding).
     */
    private static String[] said(String action) {
        return SAID.get(action.startsWith("undeclared.") ? "api.request" : action);
    }

    private static String words(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('.', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A value as people read it: a member named by id ("to", "via") by name and handle, never a bare
     * id (issue 18); a grant's days and hours as recorded ("[MONDAY, FRIDAY] 09:00-17:30") in words.
     */
    private JsonNode shown(String field, JsonNode value) {
        if (value.isArray() && !value.isEmpty()
                && value.valueStream().allMatch(item -> item.isString() && scopeWords.containsKey(item.asString()))) {
            // Permissions in the catalog's words; their own commas make "; " the one separator that reads.
            return JsonNodeFactory.instance.stringNode(String.join("; ",
                    value.valueStream().map(item -> aboutHolder(scopeWords.get(item.asString()))).toList()));
        }
        if ("quotas".equals(field) && (value.isObject() || value.isNull())) {
            // Which permission each limit is on, as the Helpers page says it, and none as "(none)": "Daily limits before 5
            // after" named no permission, and an empty side showed as nothing (black-box finding 5, 2026-12-07).
            return JsonNodeFactory.instance.stringNode(aboutHolder(Limits.quotas(value, scopeWords)));
        }
        if (!value.isString()) {
            return inWords(field, value);
        }
        Matcher result = RESULT.matcher(value.asString());
        if ("result".equals(field) && result.matches()) {
            // An approval's result is the status and words of the request it replayed: "200 Applied." meant nothing
            // to a holder (black-box finding, 2026-12-07). Done, or why not, in words.
            return JsonNodeFactory.instance.stringNode(result.group(1).startsWith("2") ? "Done"
                    : "Not done" + (result.group(2).isBlank() || "null".equals(result.group(2)) ? "" : ": " + result.group(2)));
        }
        Person person = people.get(value.asString());
        Matcher window = WINDOW.matcher(value.asString());
        String words = person != null ? person.name() + " (@" + person.handle() + ")"
                : scopeWords.containsKey(value.asString()) ? aboutHolder(scopeWords.get(value.asString()))
                : "window".equals(field) && window.matches() ? days(window.group(1)) + ", " + window.group(2) + "–" + window.group(3)
                : null;
        return words == null ? value : JsonNodeFactory.instance.stringNode(words);
    }

    private static final Pattern RESULT = Pattern.compile("([1-5]\\d\\d) ?(.*)", Pattern.DOTALL);
    private static final Pattern WINDOW = Pattern.compile("\\[([A-Z, ]+)\\] (\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)");

    private static String days(String recorded) {
        List<String> days = java.util.Arrays.stream(recorded.split(",\\s*")).map(day -> capital(day.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        if (days.size() == 7) {
            return "Every day";
        }
        return days.size() == 1 ? days.get(0) : String.join(", ", days.subList(0, days.size() - 1)) + " and " + days.get(days.size() - 1);
    }

    private String to(JsonNode entry) {
        for (JsonNode change : entry.path("changes")) {
            if ("to".equals(change.path("field").asString())) {
                Person person = people.get(change.path("after").asString(""));
                return person == null ? "" : " to " + person.name();
            }
        }
        return "";
    }

    /** The profile fields an entry changed, in words: "headline and location". */
    private static String fields(JsonNode entry) {
        List<String> names = new ArrayList<>();
        entry.path("changes").forEach(change -> {
            String label = LABELS.get(change.path("field").asString());
            if (label != null) {
                names.add(label);
            }
        });
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Reads by the same actor, one after the other, are one line. */
    private static boolean sameRead(JsonNode a, JsonNode b) {
        String action = a.path("action").asString();
        boolean read = action.endsWith(".read") || action.endsWith(".list") || action.equals("delegation.exchange");
        return read && action.equals(b.path("action").asString()) && a.path("outcome").asString().equals(b.path("outcome").asString())
                && a.path("actor").equals(b.path("actor")) && "success".equals(a.path("outcome").asString());
    }

    private static String plural(String sentence, int count) {
        String bare = sentence.replaceAll(" \\(\\d+ times\\)\\.$", ".");
        return bare.substring(0, bare.length() - 1) + " (" + count + " times).";
    }

    static String capital(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
