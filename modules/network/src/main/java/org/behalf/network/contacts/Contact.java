package org.behalf.network.contacts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A contact of the member's own address book. */
record Contact(String id, String name, List<String> emails, List<String> phones, @Nullable String company, @Nullable String title, @Nullable String notes,
               List<String> tags, Instant createdAt) {

    /** A contact id is {@code cnt_} and 22 random characters ({@code OpaqueIds}). */
    static final String ID_PREFIX = "cnt";

    Contact {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        tags = List.copyOf(tags);
    }

    /**
     * The fields a member edits, by their API names in the order the contact shows them: what an
     * addition records in the log, every one (ContactService), and what undoing it compares (ContactUndo).
     */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("emails", emails);
        fields.put("phones", phones);
        fields.put("company", company);
        fields.put("title", title);
        fields.put("notes", notes);
        fields.put("tags", tags);
        return fields;
    }

    /** A new contact's fields as given (nulls allowed), before validation. */
    record Draft(String name, List<String> emails, List<String> phones, String company, String title, String notes,
                 List<String> tags) {
    }

    record Interaction(String id, String kind, String date, @Nullable String summary) {
    }

    /**
     * An interaction as a member logs it: no id, which the server gives (SECURITY-CASES 21: a field that
     * cannot be set is refused, not ignored; black-box finding: an id sent was taken and dropped).
     */
    record LoggedInteraction(String kind, String date, @Nullable String summary) {
    }
}
