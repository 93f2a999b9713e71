package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Values of a change as people read them, as {@code ${@plain.value(...)}}: text as it is, a list
 * as "Java, Leadership", nothing as "(empty)"; never JSON (issue 18 item 1).
 */
@Component("plain")
class Plain {

    public String value(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "(empty)";
        }
        if (value.isString()) {
            return value.asString().isBlank() ? "(empty)" : value.asString();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isObject() ? object(item) : value(item)));
            return items.isEmpty() ? "(empty)" : String.join(item(value) ? "; " : ", ", items);
        }
        if (value.isObject()) {
            return object(value);
        }
        return value.asString();
    }

    private static boolean item(JsonNode list) {
        return !list.isEmpty() && list.get(0).isObject();
    }

    /** A position or an education entry: its values in order, without the empty ones. */
    private String object(JsonNode object) {
        List<String> parts = new ArrayList<>();
        object.forEach(part -> {
            if (!part.isNull() && !part.asString("").isBlank()) {
                parts.add(part.isString() ? part.asString() : part.toString());
            }
        });
        return String.join(" · ", parts);
    }
}
