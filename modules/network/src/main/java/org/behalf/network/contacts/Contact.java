package org.behalf.network.contacts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A contact of the member's own address book. */
record Contact(String id, String name, List<String> emails, List<String> phones, @Nullable String company, @Nullable String title, @Nullable String notes,
               List<String> tags, Instant createdAt) {

    Contact {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        tags = List.copyOf(tags);
    }

    /** A new contact's fields as given (nulls allowed), before validation. */
    record Draft(String name, List<String> emails, List<String> phones, String company, String title, String notes,
                 List<String> tags) {
    }

    record Interaction(String id, String kind, String date, @Nullable String summary) {
    }
}
