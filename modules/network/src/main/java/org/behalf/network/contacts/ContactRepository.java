package org.behalf.network.contacts;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.behalf.network.LikePattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Contacts and their communication log; every query is scoped by the owner (SECURITY-CASES 20, 25). */
@Repository
class ContactRepository {

    private static final String COLUMNS = "id, name, emails, phones, company, title, notes, tags, created_at";
    private static final RowMapper<Contact> ROW = (rs, n) -> new Contact(rs.getString(1), rs.getString(2), split(rs.getString(3)),
            split(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), split(rs.getString(8)),
            rs.getTimestamp(9).toInstant());

    /** Lists are stored one value per line: phone numbers have spaces, none has a line break. */
    private static final String SEPARATOR = "\n";

    private final JdbcTemplate jdbc;

    ContactRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Contact> find(String owner, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM network_contact WHERE owner_id = ? AND id = ?", ROW, owner, id).stream().findFirst();
    }

    /** By name, newest-first paging on (name, id); {@code text} and {@code tag} filter with bound values. */
    List<Contact> page(String owner, String text, String tag, String afterName, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM network_contact WHERE owner_id = ?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (text != null) {
            sql.append(" AND (LOWER(name) LIKE ? ESCAPE '!' OR emails LIKE ? ESCAPE '!' OR LOWER(company) LIKE ? ESCAPE '!')");
            String like = LikePattern.containing(text.toLowerCase(java.util.Locale.ROOT));
            args.addAll(List.of(like, like, like));
        }
        if (tag != null) {
            sql.append(" AND CONCAT(?, tags, ?) LIKE ? ESCAPE '!'");
            args.addAll(List.of(SEPARATOR, SEPARATOR, LikePattern.containing(SEPARATOR + tag + SEPARATOR)));
        }
        if (afterName != null) {
            sql.append(" AND (name > ? OR (name = ? AND id > ?))");
            args.addAll(List.of(afterName, afterName, afterId));
        }
        sql.append(" ORDER BY name, id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    List<Contact> all(String owner) {
        return jdbc.query("SELECT " + COLUMNS + " FROM network_contact WHERE owner_id = ? ORDER BY name, id", ROW, owner);
    }

    /** Whether one of the owner's contacts has exactly this address ({@code _} and {@code %} in it match only themselves). */
    boolean hasEmail(String owner, String email) {
        return !jdbc.queryForList("SELECT 1 FROM network_contact WHERE owner_id = ? AND CONCAT(?, emails, ?) LIKE ? ESCAPE '!' LIMIT 1",
                Integer.class, owner, SEPARATOR, SEPARATOR, LikePattern.containing(SEPARATOR + email + SEPARATOR)).isEmpty();
    }

    void insert(String owner, Contact contact) {
        jdbc.update("INSERT INTO network_contact (owner_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", owner, contact.id(),
                contact.name(), join(contact.emails()), join(contact.phones()), contact.company(), contact.title(), contact.notes(),
                join(contact.tags()), Timestamp.from(contact.createdAt()));
    }

    void update(String owner, Contact contact) {
        jdbc.update("UPDATE network_contact SET name = ?, emails = ?, phones = ?, company = ?, title = ?, notes = ?, tags = ? "
                        + "WHERE owner_id = ? AND id = ?", contact.name(), join(contact.emails()), join(contact.phones()), contact.company(),
                contact.title(), contact.notes(), join(contact.tags()), owner, contact.id());
    }

    boolean delete(String owner, String id) {
        jdbc.update("DELETE FROM network_contact_interaction WHERE owner_id = ? AND contact_id = ?", owner, id);
        return jdbc.update("DELETE FROM network_contact WHERE owner_id = ? AND id = ?", owner, id) > 0;
    }

    void addInteraction(String owner, String contactId, Contact.Interaction interaction) {
        jdbc.update("INSERT INTO network_contact_interaction (owner_id, contact_id, id, kind, occurred_on, summary) VALUES (?, ?, ?, ?, ?, ?)",
                owner, contactId, interaction.id(), interaction.kind(), Date.valueOf(LocalDate.parse(interaction.date())), interaction.summary());
    }

    List<Contact.Interaction> interactions(String owner, String contactId) {
        return jdbc.query("SELECT id, kind, occurred_on, summary FROM network_contact_interaction WHERE owner_id = ? AND contact_id = ? "
                        + "ORDER BY occurred_on DESC, id", (rs, n) -> new Contact.Interaction(rs.getString(1), rs.getString(2),
                        rs.getDate(3).toLocalDate().toString(), rs.getString(4)), owner, contactId);
    }

    private static String join(List<String> values) {
        return String.join(SEPARATOR, values);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(SEPARATOR));
    }

}
