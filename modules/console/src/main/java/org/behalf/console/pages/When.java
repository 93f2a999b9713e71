package org.behalf.console.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Times on pages, as {@code ${@when.text(...)}}: minutes, UTC, said so. */
@Component("when")
class When {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** An {@link Instant} or an ISO-8601 instant as the API writes it; blank for none. */
    public String text(Object time) {
        if (time == null) {
            return "";
        }
        if (time instanceof Instant instant) {
            return SHOWN.format(instant);
        }
        String iso = time.toString();
        if (iso.isBlank() || "null".equals(iso)) {
            return "";
        }
        try {
            return SHOWN.format(Instant.parse(iso));
        } catch (RuntimeException notATime) {
            return iso;
        }
    }
}
