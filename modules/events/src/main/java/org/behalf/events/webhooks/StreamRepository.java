package org.behalf.events.webhooks;

import static org.behalf.events.webhooks.WebhookRepository.instant;
import static org.behalf.events.webhooks.WebhookRepository.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code events_stream} table. */
@Repository
class StreamRepository {

    private static final String COLUMNS = "owner_id, id, client_id, issuer, url, event_types, description, status, reason, live_since, "
            + "created_at, authorization_header";
    private static final RowMapper<Stream> ROW = StreamRepository::row;

    private final JdbcTemplate jdbc;

    StreamRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Stream stream) {
        jdbc.update("INSERT INTO events_stream (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stream.ownerId(), stream.id(),
                stream.clientId(), stream.issuer(), stream.url(), String.join(" ", stream.events()), stream.description(), stream.status(),
                stream.reason(), time(stream.liveSince()), time(stream.createdAt()), stream.authorization());
    }

    void update(Stream stream) {
        jdbc.update("UPDATE events_stream SET url = ?, event_types = ?, description = ?, status = ?, reason = ?, live_since = ?, "
                        + "authorization_header = ? WHERE owner_id = ? AND id = ?", stream.url(), String.join(" ", stream.events()),
                stream.description(), stream.status(), stream.reason(), time(stream.liveSince()), stream.authorization(), stream.ownerId(),
                stream.id());
    }

    Optional<Stream> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_stream WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The owner's streams, locked: creating one counts them under this lock. */
    List<Stream> lockByOwner(String ownerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_stream WHERE owner_id = ? FOR UPDATE", ROW, ownerId);
    }

    List<Stream> byOwner(String ownerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_stream WHERE owner_id = ? ORDER BY created_at DESC, id DESC", ROW, ownerId);
    }

    /** Streams of these clients that take events (enabled, or paused and keeping them). */
    List<Stream> liveFor(Collection<String> clients) {
        if (clients.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM events_stream WHERE status <> 'disabled' AND client_id IN ("
                + String.join(", ", Collections.nCopies(clients.size(), "?")) + ")", ROW, clients.toArray());
    }

    /**
     * Which of these streams are still there, read with their rows locked in id order through the
     * id's index, as {@link #lockById} locks one: the fan-out locks the streams it is about to write
     * SETs for, so that it never holds deliveries of one a delete is removing ({@code FanOut}).
     */
    Set<String> lockIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("SELECT id FROM events_stream WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY id FOR UPDATE", String.class, ids.toArray()));
    }

    /** The stream, read with its row locked the way the fan-out locks it ({@link #lockIds}): what removes its deliveries locks it first. */
    Optional<Stream> lockById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM events_stream WHERE id = ? FOR UPDATE", ROW, id).stream().findFirst();
    }

    /** The stream only: its deliveries go first ({@link DeliveryRepository#deleteAll}). */
    void delete(Stream stream) {
        jdbc.update("DELETE FROM events_stream WHERE owner_id = ? AND id = ?", stream.ownerId(), stream.id());
    }

    private static Stream row(ResultSet rs, int n) throws SQLException {
        return new Stream(rs.getString("owner_id"), rs.getString("id"), rs.getString("client_id"), rs.getString("issuer"), rs.getString("url"),
                Arrays.stream(rs.getString("event_types").split(" ")).filter(s -> !s.isEmpty()).toList(), rs.getString("description"),
                rs.getString("status"), rs.getString("reason"), instant(rs.getTimestamp("live_since")), instant(rs.getTimestamp("created_at")),
                rs.getString("authorization_header"));
    }
}
