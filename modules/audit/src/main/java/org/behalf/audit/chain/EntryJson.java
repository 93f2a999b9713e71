package org.behalf.audit.chain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entry as JSON, with exactly the field names of DESIGN.md section 7; enumerations in lower
 * case, times in UTC with milliseconds, absent values as {@code null} (docs/activity-log.md).
 */
final class EntryJson {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EntryJson() {
    }

    static ObjectNode of(ActivityEntry entry, JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("id", entry.id());
        node.put("seq", entry.seq());
        node.put("occurredAt", TIME.format(entry.occurredAt()));
        node.put("account", entry.account());
        ObjectNode actor = node.putObject("actor");
        actor.put("kind", lower(entry.actor().kind()));
        actor.put("id", entry.actor().id());
        node.put("grantId", entry.grantId());
        node.put("clientId", entry.clientId());
        node.put("action", entry.action());
        if (entry.target() == null) {
            node.putNull("target");
        } else {
            ObjectNode target = node.putObject("target");
            target.put("type", entry.target().type());
            target.put("id", entry.target().id());
        }
        node.put("outcome", lower(entry.outcome()));
        node.put("reason", entry.reason());
        ArrayNode changes = node.putArray("changes");
        for (ActivityEvent.Change change : entry.changes()) {
            ObjectNode item = changes.addObject();
            item.put("field", change.field());
            item.set("before", json.valueToTree(change.before()));
            item.set("after", json.valueToTree(change.after()));
        }
        node.put("ip", entry.ip());
        node.put("userAgent", entry.userAgent());
        node.put("requestId", entry.requestId());
        node.put("prevHash", entry.prevHash());
        return node;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
