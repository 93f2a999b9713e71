package org.behalf.identity.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Turns a registered client's row into a {@link RegisteredClient}, parsing its JSON settings only
 * when the row differs from the one last parsed for that client. The row is read again whenever
 * {@code RememberedClients} has forgotten it (after any revocation, on every node), and then only
 * the parse of an identical row is skipped. That parse was a tenth of the server's CPU on the token
 * endpoint (a profile of {@code scripts/bench delegation}).
 */
final class UnchangedClientRows implements RowMapper<RegisteredClient> {

    private static final int MAX_CLIENTS = 10_000;

    private final RowMapper<RegisteredClient> parse;
    private final Map<String, Parsed> lastParsed = new ConcurrentHashMap<>();

    UnchangedClientRows(RowMapper<RegisteredClient> parse) {
        this.parse = parse;
    }

    private record Parsed(String row, RegisteredClient client) {
    }

    @Override
    public RegisteredClient mapRow(ResultSet rs, int rowNum) throws SQLException {
        StringBuilder row = new StringBuilder(512);
        for (int column = 1, columns = rs.getMetaData().getColumnCount(); column <= columns; column++) {
            // Marks no column holds, so that two different rows (or a null and "null") never read the same.
            String value = rs.getString(column);
            row.append(value == null ? "\u0001" : value).append('\u0000');
        }
        String id = rs.getString("id");
        Parsed parsed = lastParsed.get(id);
        if (parsed != null && parsed.row().contentEquals(row)) {
            return parsed.client();
        }
        RegisteredClient client = parse.mapRow(rs, rowNum);
        if (lastParsed.size() >= MAX_CLIENTS) {
            lastParsed.clear();
        }
        lastParsed.put(id, new Parsed(row.toString(), client));
        return client;
    }
}
