package org.behalf.network.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.behalf.kernel.Cursors;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.TextField;
import org.behalf.network.LikePattern;
import org.behalf.network.Page;
import org.behalf.network.members.MemberSummary;
import org.behalf.network.members.NetworkMembers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Search through the member's network, up to the third degree, and, by name or handle, beyond it. The first two degrees are
 * computed from the connection table's primary key (a few thousand rows for a typical member)
 * and then filtered by text; the third degree is reached from the other side: members matching
 * the text, then those with a connection in the second degree. Never available to delegates
 * (DESIGN.md section 4: network:search is never delegable).
 *
 * <p>Hand-written SQL on {@code JdbcTemplate}, not repositories (DESIGN.md section 3 allows it on a
 * hot path): the degree-2 search is one statement walking the connection table's primary key twice
 * and joining the members, with filters and IN lists built per query, which neither a derived query
 * nor a fixed {@code @Query} can say, and its p99 target is 100 ms (issue 6; scripts/bench search:
 * p99 18.8 ms idle, 46.6 ms after the search rework, 51.4 ms on 2026-12-05, docs/operations.md).
 */
@Service
class NetworkSearch {

    /** The most members a third-degree search considers by text before checking their degree. */
    static final int THIRD_DEGREE_CANDIDATES = 5000;
    private static final int SHARED_SHOWN = 3;
    private static final int MAX_QUERY = 100;

    private final JdbcTemplate jdbc;
    private final NetworkMembers members;
    private final ObjectProvider<RequestState> requests;

    NetworkSearch(JdbcTemplate jdbc, NetworkMembers members, ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.jdbc = jdbc;
        this.members = members;
    }

    record Query(String text, String skill, String location, int degree) {
    }

    /**
     * {@code degree} is null for a member outside the searcher's network (found by name or handle);
     * {@code introducers} are up to three shared connections who could introduce the two, by name.
     */
    record Hit(MemberSummary member, @Nullable Integer degree, int sharedConnections, List<String> someShared, List<MemberSummary> introducers) {
    }

    Page<Hit> search(String me, String q, String skill, String location, Integer degree, String cursor, Integer limit) {
        Query query = new Query(term("q", q), term("skill", skill), term("location", location), degree(degree));
        if (query.degree() == 3 && query.text() == null && query.skill() == null && query.location() == null) {
            // Checked here, not where the third degree is read: a member without connections never got that far,
            // and had an empty 200 where others had this 400 (found by black-box testing, 2026-12-06).
            throw new InvalidRequest("q", "A third-degree search needs a name, skill or location to look for.");
        }
        int size = Page.size(limit);
        int offset = offset(cursor);
        // In long: an offset near Integer.MAX_VALUE (a made-up cursor) plus the page size overflowed into a 500.
        long end = (long) offset + size;
        RequestState.of(requests).notes().target("search", query.text() == null ? "" : query.text());

        Set<String> first = new HashSet<>(jdbc.queryForList(
                "SELECT connection_id FROM network_connection WHERE member_id = ?", String.class, me));
        Map<String, Integer> degrees = new HashMap<>();
        first.forEach(id -> degrees.put(id, 1));
        List<Row> matches = new ArrayList<>(query.degree() == 1 ? withinOneHop(me, query) : withinTwoHops(me, query));
        matches.removeIf(row -> row.id().equals(me));
        matches.forEach(row -> degrees.putIfAbsent(row.id(), 2));
        if (query.degree() == 3 && !first.isEmpty()) {
            Set<String> second = new HashSet<>(inChunks("SELECT DISTINCT connection_id FROM network_connection WHERE member_id IN (%s)", first));
            second.removeAll(first);
            second.remove(me);
            Set<String> nearer = new HashSet<>(second);
            nearer.addAll(first);
            if (!second.isEmpty()) {
                matches.addAll(thirdDegree(me, query, nearer, second, degrees));
            }
        }
        // degree=1 asks for connections only; any wider search also finds people outside by name or handle.
        // They sort after every degree (OUTSIDE), so a page the network fills beyond its end shows none of
        // them and has a next page either way: it skips their scan, which reads every member's name. With
        // the scan on every such page, scripts/bench search's degree-2 searches ran at 41.5/s, p99 178.8 ms;
        // without it, 261/s, p99 51.4 ms (2026-12-05, one machine; docs/benchmark-history.md).
        if (query.text() != null && query.degree() > 1 && matches.size() <= end) {
            Set<String> found = new HashSet<>(matches.stream().map(Row::id).toList());
            outsideByName(me, query.text()).stream().filter(row -> found.add(row.id())).forEach(matches::add);
        }
        matches.sort(Comparator.comparingInt((Row r) -> degrees.getOrDefault(r.id(), OUTSIDE))
                .thenComparing(Row::displayName, String.CASE_INSENSITIVE_ORDER).thenComparing(Row::id));

        List<Row> shown = matches.subList(Math.min(offset, matches.size()), (int) Math.min(end, matches.size()));
        Map<String, List<String>> shared = shared(first, shown);
        Map<String, MemberSummary> introducers = members.summaries(shared.values().stream()
                .flatMap(ids -> ids.subList(0, Math.min(SHARED_SHOWN, ids.size())).stream()).collect(java.util.stream.Collectors.toSet()));
        List<Hit> hits = shown.stream().map(r -> {
            List<String> mutual = shared.getOrDefault(r.id(), List.of());
            List<String> some = mutual.subList(0, Math.min(SHARED_SHOWN, mutual.size()));
            return new Hit(new MemberSummary(r.id(), r.handle(), r.displayName(), r.headline()), degrees.get(r.id()),
                    mutual.size(), some, some.stream().map(introducers::get).filter(java.util.Objects::nonNull).toList());
        }).toList();
        String next = end < matches.size() ? encode((int) end) : null;
        return new Page<>(hits, next);
    }

    private record Row(String id, String handle, String displayName, String headline) {
    }

    /** Sorts after every degree. */
    private static final int OUTSIDE = 4;
    /** Members outside the network a search by name or handle shows at most. */
    static final int OUTSIDE_SHOWN = 20;

    /**
     * Members outside the network, by name or handle only (issue 18: a newcomer without connections
     * must be able to find people); what else their profile says is searched only within the
     * network. A closed account's row has an empty handle ({@code NetworkMembers}): never found.
     */
    private List<Row> outsideByName(String me, String text) {
        String pattern = LikePattern.containing(text);
        return jdbc.query("SELECT member_id, handle, display_name, headline FROM network_member WHERE handle <> '' "
                + "AND member_id <> ? AND (LOWER(display_name) LIKE ? ESCAPE '!' OR LOWER(handle) LIKE ? ESCAPE '!') "
                + "ORDER BY display_name, member_id LIMIT " + OUTSIDE_SHOWN, ROW, me, pattern, pattern);
    }

    private static final org.springframework.jdbc.core.RowMapper<Row> ROW =
            (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));

    /** My connections that match the query's text filters: one indexed join. */
    private List<Row> withinOneHop(String me, Query query) {
        List<Object> args = new ArrayList<>(List.of(me));
        return jdbc.query("SELECT m.member_id, m.handle, m.display_name, m.headline FROM network_connection c1 "
                + "JOIN network_member m ON m.member_id = c1.connection_id WHERE c1.member_id = ?" + filters(query, "m.", args),
                ROW, args.toArray());
    }

    /**
     * Members one or two connections away that match the filters, in one statement walking the
     * connection table's primary key twice: the database reads the few thousand second-degree rows
     * where they are, instead of sending their ids here and back (the 100 ms p99 target of issue 6).
     */
    private List<Row> withinTwoHops(String me, Query query) {
        List<Object> args = new ArrayList<>(List.of(me, me));
        String sql = "SELECT DISTINCT m.member_id, m.handle, m.display_name, m.headline FROM network_connection c1 "
                + "JOIN network_connection c2 ON c2.member_id = c1.connection_id "
                + "JOIN network_member m ON m.member_id = c2.connection_id "
                + "WHERE c1.member_id = ? AND c2.connection_id <> ?" + filters(query, "m.", args);
        List<Row> rows = new ArrayList<>(jdbc.query(sql, ROW, args.toArray()));
        Set<String> found = new HashSet<>(rows.stream().map(Row::id).toList());
        withinOneHop(me, query).stream().filter(row -> !found.contains(row.id())).forEach(rows::add);
        return rows;
    }

    /** Third-degree members matching the text: they have a connection in the second degree. */
    private List<Row> thirdDegree(String me, Query query, Set<String> nearer, Set<String> second, Map<String, Integer> degrees) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT member_id, handle, display_name, headline FROM network_member WHERE 1 = 1" + filters(query, "", args)
                + " LIMIT " + THIRD_DEGREE_CANDIDATES;
        List<Row> candidates = jdbc.query(sql, ROW, args.toArray()).stream().filter(r -> !nearer.contains(r.id()) && !r.id().equals(me)).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> third = new HashSet<>();
        List<String> candidateIds = candidates.stream().map(Row::id).toList();
        List<String> secondIds = new ArrayList<>(second);
        for (int from = 0; from < candidateIds.size(); from += 500) {
            List<String> chunk = candidateIds.subList(from, Math.min(from + 500, candidateIds.size()));
            for (int s = 0; s < secondIds.size(); s += 2000) {
                List<String> seconds = secondIds.subList(s, Math.min(s + 2000, secondIds.size()));
                List<Object> params = new ArrayList<>(chunk);
                params.addAll(seconds);
                third.addAll(jdbc.queryForList("SELECT DISTINCT member_id FROM network_connection WHERE member_id IN ("
                        + placeholders(chunk.size()) + ") AND connection_id IN (" + placeholders(seconds.size()) + ")",
                        String.class, params.toArray()));
            }
        }
        third.forEach(id -> degrees.put(id, 3));
        return candidates.stream().filter(r -> third.contains(r.id())).toList();
    }

    /** For each shown hit, which of my connections it is connected to. */
    private Map<String, List<String>> shared(Set<String> first, List<Row> shown) {
        Map<String, List<String>> shared = new HashMap<>();
        if (first.isEmpty() || shown.isEmpty()) {
            return shared;
        }
        List<Object> args = new ArrayList<>(shown.stream().map(Row::id).toList());
        args.addAll(first);
        jdbc.query("SELECT member_id, connection_id FROM network_connection WHERE member_id IN (" + placeholders(shown.size())
                + ") AND connection_id IN (" + placeholders(first.size()) + ") ORDER BY connection_id", rs -> {
                    shared.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, args.toArray());
        return shared;
    }

    /** Text filters from fixed SQL and bound values: nothing the caller types reaches the SQL (SECURITY-CASES 25). */
    private static String filters(Query query, String table, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (query.text() != null) {
            sql.append(" AND ").append(table).append("search_text LIKE ? ESCAPE '!'");
            args.add(LikePattern.containing(query.text()));
        }
        if (query.skill() != null) {
            sql.append(" AND LOWER(").append(table).append("skills) LIKE ? ESCAPE '!'");
            args.add(LikePattern.containing(query.skill()));
        }
        if (query.location() != null) {
            sql.append(" AND LOWER(").append(table).append("location) LIKE ? ESCAPE '!'");
            args.add(LikePattern.containing(query.location()));
        }
        return sql.toString();
    }

    private List<String> inChunks(String sql, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<String> result = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(from + 1000, all.size()));
            result.addAll(jdbc.queryForList(String.format(sql, placeholders(chunk.size())), String.class, chunk.toArray()));
        }
        return result;
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static String term(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (TextField.length(value) > MAX_QUERY) {
            throw new InvalidRequest(field, "At most " + MAX_QUERY + " characters.");
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static int degree(Integer degree) {
        if (degree == null) {
            return 2;
        }
        if (degree < 1 || degree > 3) {
            throw new InvalidRequest("degree", "1, 2 or 3.");
        }
        return degree;
    }

    /** A search's position is an offset in its ranked matches, tagged so no other list's cursor passes for one. */
    private static int offset(String cursor) {
        List<String> parts = Cursors.decode(cursor, 2);
        if (parts == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(parts.get(1));
            if (!parts.get(0).equals("o") || offset < 0) {
                throw Cursors.refused();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw Cursors.refused();
        }
    }

    private static String encode(int offset) {
        return Cursors.encode("o", Integer.toString(offset));
    }
}
