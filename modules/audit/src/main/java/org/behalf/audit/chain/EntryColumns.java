package org.behalf.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * The columns stored beside each entry (audit V202611220001) that the list's filters and lookups search: copies of the
 * entry's own fields, outside its hash. Someone who can edit the database can change one and leave the entry, its hash
 * and every checkpoint intact, so an entry moved silently into or out of a filtered view (black-box finding ACTIVITY 3,
 * 2026-12-07). So what a filter finds through them is checked against the entry ({@link JdbcActivityLog#list}), and the
 * server's verification compares them all with the entry ({@link JdbcActivityLog#verify}; docs/activity-log.md).
 */
record EntryColumns(long seq, String id, Instant occurredAt, String actorKind, String actorId, String grantId, String action,
                    String outcome, String hash) {

    /** The columns, in the order {@link #read} takes them. */
    static final String NAMES = "seq, id, occurred_at, actor_kind, actor_id, grant_id, action, outcome, hash";

    /** The columns as stored, from the result set's column {@code first} on, in the order of {@link #NAMES}. */
    static EntryColumns read(ResultSet rs, int first) throws SQLException {
        return new EntryColumns(rs.getLong(first), rs.getString(first + 1), rs.getTimestamp(first + 2).toInstant(), rs.getString(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6), rs.getString(first + 7), rs.getString(first + 8));
    }

    /**
     * The columns the recorder writes for this entry ({@link JdbcActivityRecorder}): enumerations in upper case, the
     * time to the millisecond.
     */
    static EntryColumns of(JsonNode entry) {
        return new EntryColumns(entry.path("seq").asLong(), text(entry.path("id")), Instant.parse(entry.path("occurredAt").asString()),
                upper(entry.path("actor").path("kind")), text(entry.path("actor").path("id")), text(entry.path("grantId")),
                text(entry.path("action")), upper(entry.path("outcome")), text(entry.path("hash")));
    }

    /**
     * Where these columns, as stored, say something else than {@code own} (those of the entry itself), in words naming
     * the first such column; null when they agree. The time stored may be up to a second before the entry's own
     * ({@link JdbcActivityLog}: MariaDB is sent whole seconds).
     */
    String disagreement(EntryColumns own) {
        if (seq != own.seq) {
            return differs("sequence number", Long.toString(seq), Long.toString(own.seq));
        }
        if (occurredAt.isAfter(own.occurredAt) || !occurredAt.plusSeconds(1).isAfter(own.occurredAt)) {
            return "the time stored beside the entry is " + occurredAt + "; the entry's is " + own.occurredAt;
        }
        String[][] texts = {{"id", id, own.id}, {"actor's kind", actorKind, own.actorKind}, {"actor", actorId, own.actorId},
                {"grant", grantId, own.grantId}, {"action", action, own.action}, {"outcome", outcome, own.outcome}, {"hash", hash, own.hash}};
        for (String[] column : texts) {
            if (!Objects.equals(column[1], column[2])) {
                return differs(column[0], column[1], column[2]);
            }
        }
        return null;
    }

    private static String differs(String column, String stored, String own) {
        return "the " + column + " stored beside the entry is " + quoted(stored) + "; the entry's is " + quoted(own);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : null;
    }

    private static String upper(JsonNode value) {
        return value.isString() ? value.asString().toUpperCase(Locale.ROOT) : null;
    }
}
