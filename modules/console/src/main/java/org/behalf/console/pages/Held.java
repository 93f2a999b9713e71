package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A held change as the review pages say it, as {@code ${@held.action(...)}}: the action in the
 * activity page's words ({@link ActivityStory#deed}), the request's fields as "Label: value" with
 * the same labels, and field names inside values in words (docs/console.md, black-box finding:
 * "contact.update {"name":"x"}" and "Hidden from others: location").
 */
@Component("held")
class Held {

    /** One field of a held request, its label in words and its value as sent (drawn by {@link Plain}). */
    record Sent(String label, JsonNode value) {
    }

    private final JsonMapper json;
    private final Plain plain;

    Held(JsonMapper json, Plain plain) {
        this.json = json;
        this.plain = plain;
    }

    /** "add a contact"; for the helper, with {@code holderName}, "change Hana's profile". */
    public String action(JsonNode approval, String holderName) {
        return plain.text(ActivityStory.deed(approval.path("action").asString(""), holderName));
    }

    /** A field change's {@code before}, {@code after} or {@code current}, with field names in it in words. */
    public JsonNode value(JsonNode change, String which) {
        return ActivityStory.inWords(change.path("field").asString(""), change.path(which));
    }

    /**
     * What the held request sends: a JSON object field by field; anything else (a CSV or vCard file
     * to import) as the text it is; nothing for a request without a body (accepting an invitation).
     */
    public List<Sent> sent(JsonNode approval) {
        String body = approval.path("request").path("body").asString("");
        if (body.isBlank()) {
            return List.of();
        }
        JsonNode sent;
        try {
            sent = json.readTree(body);
        } catch (RuntimeException notJson) {
            sent = null;
        }
        if (sent == null || !sent.isObject()) {
            return List.of(new Sent("What was sent", JsonNodeFactory.instance.stringNode(body)));
        }
        List<Sent> fields = new ArrayList<>();
        sent.properties().forEach(field -> {
            if (!field.getValue().isNull()) {
                fields.add(new Sent(ActivityStory.capital(ActivityStory.label(field.getKey())),
                        ActivityStory.inWords(field.getKey(), field.getValue())));
            }
        });
        return fields;
    }
}
