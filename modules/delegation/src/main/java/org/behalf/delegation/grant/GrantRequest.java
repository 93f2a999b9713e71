package org.behalf.delegation.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.behalf.kernel.OnlyFromToken;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /api/v1/delegations} and, all fields optional, of {@code PATCH}
 * (DESIGN.md section 6). Unknown fields are refused (SECURITY-CASES 21). {@code otp} is the holder's
 * current one-time code, needed to create or widen a grant when two-step sign-in is on (issue 3).
 * A field left out keeps its value; {@code "window": null} or {@code {}} removes the hours ({@link WindowRequest#NONE}),
 * as an empty list, object or text clears the others.
 */
public record GrantRequest(String delegate, List<String> scopes, @JsonDeserialize(using = InstantFromText.class) Instant expiresAt,
                    List<String> review, String note, String terms,
                    @JsonDeserialize(contentUsing = OnlyFromToken.WholeNumber.class) Map<String, Integer> quotas,
                    @JsonDeserialize(using = WindowReader.class) WindowRequest window, String timeZone, List<String> ipRanges, String otp) {

    public record WindowRequest(List<String> days, String start, String end) {

        /** What {@code "window": null} reads as: no hours at all, told apart from a window left out. */
        public static final WindowRequest NONE = new WindowRequest(null, null, null);
    }

    /**
     * An expiry is ISO-8601 text (DESIGN.md section 6; the API document's {@code date-time}): a JSON
     * number was read as seconds since 1970, fractions and exponents too, so that {@code 30} was "in
     * the past" and milliseconds "more than 365 days" (black-box finding, 2026-12-07).
     */
    static final class InstantFromText extends OnlyFromToken<Instant> {

        InstantFromText() {
            super(JsonToken.VALUE_STRING, Instant.class);
        }
    }

    /**
     * A window read as usual, but a JSON null read as {@link WindowRequest#NONE}: a record
     * component cannot otherwise tell a null sent from a field left out, and a holder had no way
     * to remove the hours (black-box testing, 2026-12-06).
     */
    static final class WindowReader extends ValueDeserializer<WindowRequest> {

        @Override
        public WindowRequest deserialize(JsonParser parser, DeserializationContext context) {
            return context.readValue(parser, WindowRequest.class);
        }

        @Override
        public WindowRequest getNullValue(DeserializationContext context) {
            return WindowRequest.NONE;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
