package org.behalf.audit.chain;

import java.time.Instant;
import java.time.LocalDateTime;
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
        node.put("occurredAt", time(entry.occurredAt()));
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

    /**
     * {@link #TIME}'s text, written field by field: the formatter cost as much as all the rest of
     * an entry's JSON, on the path of every recorded request.
     */
    static String time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return TIME.format(instant);
        }
        StringBuilder out = new StringBuilder(24);
        digits(out, utc.getYear(), 4).append('-');
        digits(out, utc.getMonthValue(), 2).append('-');
        digits(out, utc.getDayOfMonth(), 2).append('T');
        digits(out, utc.getHour(), 2).append(':');
        digits(out, utc.getMinute(), 2).append(':');
        digits(out, utc.getSecond(), 2).append('.');
        return digits(out, utc.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
