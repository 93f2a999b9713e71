package org.behalf.kernel;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A field of a JSON body read as usual, but only from the one kind of JSON token its type is written as;
 * any other is refused as of the wrong type, as a number is where text belongs (docs/api.md: each field of
 * its type, never stored as its text; docs/security.md rule 40). Jackson's default read {@code "7"} and
 * {@code " 8"} as 7 and 8. Put on a field with {@code @JsonDeserialize(using = ...)}.
 */
public abstract class OnlyFromToken<T> extends ValueDeserializer<T> {

    private final JsonToken token;
    private final Class<T> type;

    protected OnlyFromToken(JsonToken token, Class<T> type) {
        this.token = token;
        this.type = type;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(token)) {
            return type.cast(context.handleUnexpectedToken(type, parser));
        }
        return context.readValue(parser, type);
    }

    /**
     * A JSON whole number: a grant's daily limit ({@code "7"} was read as 7, black-box finding, 2026-12-07),
     * a profile's education years ({@code "2001"} was stored as 2001, black-box finding 10, 2026-12-07).
     */
    public static final class WholeNumber extends OnlyFromToken<Integer> {

        public WholeNumber() {
            super(JsonToken.VALUE_NUMBER_INT, Integer.class);
        }
    }
}
