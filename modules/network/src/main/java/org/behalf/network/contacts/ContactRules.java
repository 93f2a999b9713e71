package org.behalf.network.contacts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;

/** Bounds and normal forms of contacts; a violation names its field. */
final class ContactRules {

    static final Set<String> KINDS = Set.of("call", "email", "meeting", "message");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,30}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1,30}");

    private ContactRules() {
    }

    static Contact.Draft check(Contact.Draft draft, boolean partial) {
        String name = draft.name() == null ? null : text("name", draft.name(), 200);
        if (!partial && (name == null || name.isEmpty())) {
            throw new InvalidRequest("name", "A contact needs a name.");
        }
        if (partial && name != null && name.isEmpty()) {
            throw new InvalidRequest("name", "A contact needs a name.");
        }
        Contact.Draft checked = new Contact.Draft(name, emails(draft.emails()), phones(draft.phones()),
                text("company", draft.company(), 200), text("title", draft.title(), 200), text("notes", draft.notes(), 5000),
                tags(draft.tags()));
        // An edit that sets nothing ({} or only nulls) changes nothing: refused, held or not (InvalidRequest.setsNothing).
        if (partial && checked.equals(new Contact.Draft(null, null, null, null, null, null, null))) {
            throw InvalidRequest.setsNothing();
        }
        return checked;
    }

    /** An interaction as logged: its kind, a plausible date (not after tomorrow, not before 1900), and what happened. */
    static Contact.Interaction interaction(Contact.LoggedInteraction request, LocalDate today) {
        if (request.kind() == null || !KINDS.contains(request.kind())) {
            throw new InvalidRequest("kind", "One of call, email, meeting, message.");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(String.valueOf(request.date()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("date", "A date such as 2026-11-22.");
        }
        if (date.isAfter(today.plusDays(1)) || date.getYear() < 1900) {
            throw new InvalidRequest("date", "Not a plausible date.");
        }
        String summary = text("summary", request.summary(), 2000);
        if (summary == null || summary.isEmpty()) {
            throw new InvalidRequest("summary", "Say what happened.");
        }
        return new Contact.Interaction(null, request.kind(), date.toString(), summary);
    }

    static String text(String field, String value, int max) {
        return TextField.check(field, value, max);
    }

    static List<String> emails(List<String> emails) {
        return list("emails", "e-mail addresses", emails, 10, value -> {
            String email = value.strip().toLowerCase(Locale.ROOT);
            return EMAIL.matcher(email).matches() && email.length() <= 254 ? email : null;
        }, "Not an e-mail address");
    }

    static List<String> phones(List<String> phones) {
        return list("phones", "phone numbers", phones, 10, value -> PHONE.matcher(value.strip()).matches() ? value.strip() : null, "Not a phone number");
    }

    static List<String> tags(List<String> tags) {
        return list("tags", "tags", tags, 20, value -> {
            String tag = value.strip().toLowerCase(Locale.ROOT);
            return TAG.matcher(tag).matches() ? tag : null;
        }, "A tag is 1 to 30 letters, digits, dashes or underscores");
    }

    /** Each value in its normal form, or refused naming the value: an import's report shows these words alone. */
    private static List<String> list(String field, String plural, List<String> values, int max,
                                     java.util.function.Function<String, String> normal, String problem) {
        if (values == null) {
            return null;
        }
        if (values.size() > max) {
            throw new InvalidRequest(field, "At most " + max + " " + plural + ".");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? null : normal.apply(values.get(i));
            if (value == null) {
                String shown = values.get(i) == null ? "null" : values.get(i).length() > 80 ? values.get(i).substring(0, 80) + "…" : values.get(i);
                throw new InvalidRequest(field + "[" + i + "]", problem + ": \u201c" + shown + "\u201d.");
            }
            out.add(value);
        }
        return new ArrayList<>(out);
    }
}
