package org.behalf.delegation.grant;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.behalf.delegation.api.AccessWindow;
import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.IpRange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The delegation module's tables; every query is parameterised (SECURITY-CASES 25). */
@Repository
public class GrantRepository {

    private static final String COLUMNS = "id, holder_id, delegate_id, invited, status, scopes, review_scopes, note, terms, "
            + "terms_hash, window_days, window_start, window_end, time_zone, ip_ranges, created_at, expires_at, "
            + "accepted_at, ended_at, last_activity_at, quotas";

    private final JdbcTemplate jdbc;

    public GrantRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The grant, or empty. */
    public Optional<Grant> find(String id) {
        return one("SELECT " + COLUMNS + " FROM delegation_grant WHERE id = ?", id);
    }

    /**
     * The grant, locking its row until the transaction ends: a revocation (an UPDATE of the row)
     * waits for an action checked under this lock, and an action waits for a revocation in
     * flight (SECURITY-CASES 7).
     */
    public Optional<Grant> lock(String id) {
        return one("SELECT " + COLUMNS + " FROM delegation_grant WHERE id = ? FOR UPDATE", id);
    }

    /**
     * What a delegated request is checked against and a delegation token issued under, locking the
     * grant's row as {@link #lock} does. Only those columns: every request and every token exchange
     * of a delegate runs this, and the whole row (its note and terms text among them) cost the
     * database and the driver twice as much.
     */
    public Optional<GrantLimits> lockLimits(String id) {
        return jdbc.query("SELECT holder_id, delegate_id, status, scopes, review_scopes, quotas, window_days, window_start, "
                + "window_end, time_zone, ip_ranges, created_at, expires_at, last_activity_at FROM delegation_grant "
                + "WHERE id = ? FOR UPDATE", LIMITS, id).stream().findFirst();
    }

    /**
     * Ids of grants still stored as open whose time is up: past their expiry, or pending past
     * {@link Grant#PENDING_LIFETIME} (for the sweeper that records those transitions).
     */
    public List<String> overdue(Instant now, int limit) {
        return jdbc.queryForList("SELECT id FROM delegation_grant WHERE status IN ('PENDING', 'ACTIVE') AND expires_at <= ? "
                        + "UNION SELECT id FROM delegation_grant WHERE status = 'PENDING' AND created_at <= ? LIMIT " + limit,
                String.class, ts(now), ts(now.minus(Grant.PENDING_LIFETIME)));
    }

    /** A holder's grants, newest first, after the one {@code after} names (a page's last), if any. */
    public List<Grant> byHolder(String holderId, Grant after, int limit) {
        return page("holder_id", holderId, after, limit);
    }

    public List<Grant> byDelegate(String delegateId, Grant after, int limit) {
        return page("delegate_id", delegateId, after, limit);
    }

    /**
     * Every grant of the holder still stored as pending or active, locked (for ending them all):
     * however many ended grants the holder has, none still open is missed.
     */
    public List<Grant> lockOpenByHolder(String holderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation_grant WHERE holder_id = ? AND status IN ('PENDING', 'ACTIVE') "
                + "ORDER BY id FOR UPDATE", ROW, holderId);
    }

    public List<Grant> lockOpenByDelegate(String delegateId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation_grant WHERE delegate_id = ? AND status IN ('PENDING', 'ACTIVE') "
                + "ORDER BY id FOR UPDATE", ROW, delegateId);
    }

    private List<Grant> page(String column, String member, Grant after, int limit) {
        if (after == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM delegation_grant WHERE " + column + " = ? "
                    + "ORDER BY created_at DESC, id DESC LIMIT ?", ROW, member, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM delegation_grant WHERE " + column + " = ? "
                        + "AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?",
                ROW, member, ts(after.createdAt()), ts(after.createdAt()), after.id(), limit);
    }

    /** The holders whose active grants the delegate acts under. */
    public List<String> holdersHelpedBy(String delegateId) {
        return jdbc.queryForList("SELECT DISTINCT holder_id FROM delegation_grant WHERE delegate_id = ? AND status = 'ACTIVE'",
                String.class, delegateId);
    }

    /** Whether the holder ever offered the delegate a grant, in any state (the helper's record of their work). */
    public boolean everOffered(String holderId, String delegateId) {
        return !jdbc.queryForList("SELECT id FROM delegation_grant WHERE holder_id = ? AND delegate_id = ? LIMIT 1", String.class,
                holderId, delegateId).isEmpty();
    }

    /** Locks the holder's row (creating it on first use); serialises grant creation per holder. */
    public void lockHolder(String holderId) {
        // ON DUPLICATE KEY takes the exclusive row lock directly (no shared lock to upgrade, so no
        // deadlock between two first creations); the lock is held until the transaction ends.
        jdbc.update("INSERT INTO delegation_holder (holder_id) VALUES (?) ON DUPLICATE KEY UPDATE holder_id = holder_id", holderId);
    }

    /**
     * Pending and active grants not yet past their expiry or lapse time. A locking read: under
     * REPEATABLE READ a plain read would see the transaction's older snapshot and miss a grant
     * another request committed while this one waited for the holder's lock.
     */
    public int countOpen(String holderId, Instant now) {
        return jdbc.queryForList("SELECT id FROM delegation_grant WHERE holder_id = ? "
                + "AND ((status = 'ACTIVE' AND expires_at > ?) OR (status = 'PENDING' AND expires_at > ? AND created_at > ?)) FOR UPDATE",
                String.class, holderId, ts(now), ts(now), ts(now.minus(Grant.PENDING_LIFETIME))).size();
    }

    public void insert(Grant grant) {
        jdbc.update("INSERT INTO delegation_grant (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                grant.id(), grant.holderId(), grant.delegateId(), grant.invited(), grant.status().name(),
                join(grant.scopes()), join(grant.review()), grant.note(), grant.terms(), grant.termsHash(),
                grant.window() == null ? null : grant.window().days().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                grant.window() == null ? null : grant.window().start().toString(),
                grant.window() == null ? null : grant.window().end().toString(),
                grant.timeZone().getId(), grant.ipRanges().isEmpty() ? null : grant.ipRanges().stream().map(IpRange::cidr).collect(Collectors.joining(" ")),
                ts(grant.createdAt()), ts(grant.expiresAt()), ts(grant.acceptedAt()), ts(grant.endedAt()), ts(grant.lastActivityAt()),
                quotas(grant.quotas()));
    }

    /** Writes everything the holder may change, and the lifecycle fields. */
    public void update(Grant grant) {
        jdbc.update("UPDATE delegation_grant SET status = ?, scopes = ?, review_scopes = ?, note = ?, terms_hash = ?, "
                        + "window_days = ?, window_start = ?, window_end = ?, ip_ranges = ?, expires_at = ?, accepted_at = ?, "
                        + "ended_at = ?, quotas = ? WHERE id = ?",
                grant.status().name(), join(grant.scopes()), join(grant.review()), grant.note(), grant.termsHash(),
                grant.window() == null ? null : grant.window().days().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                grant.window() == null ? null : grant.window().start().toString(),
                grant.window() == null ? null : grant.window().end().toString(),
                grant.ipRanges().isEmpty() ? null : grant.ipRanges().stream().map(IpRange::cidr).collect(Collectors.joining(" ")),
                ts(grant.expiresAt()), ts(grant.acceptedAt()), ts(grant.endedAt()), quotas(grant.quotas()), grant.id());
    }

    public void touch(String grantId, Instant at) {
        jdbc.update("UPDATE delegation_grant SET last_activity_at = ? WHERE id = ?", ts(at), grantId);
    }

    /** Today's use of a scope's quota; a locking read, so it sees every committed use (see {@link #countOpen}). */
    public int used(String grantId, String scope, LocalDate day) {
        List<Integer> used = jdbc.queryForList("SELECT used FROM delegation_quota_usage WHERE grant_id = ? AND scope = ? AND usage_day = ? FOR UPDATE",
                Integer.class, grantId, scope, day);
        return used.isEmpty() ? 0 : used.get(0);
    }

    public void use(String grantId, String scope, LocalDate day) {
        jdbc.update("INSERT INTO delegation_quota_usage (grant_id, scope, usage_day, used) VALUES (?, ?, ?, 1) "
                + "ON DUPLICATE KEY UPDATE used = used + 1", grantId, scope, day);
    }

    private Optional<Grant> one(String sql, String id) {
        return jdbc.query(sql, ROW, id).stream().findFirst();
    }

    private static final RowMapper<Grant> ROW = (rs, n) -> new Grant(rs.getString("id"), rs.getString("holder_id"),
            rs.getString("delegate_id"), rs.getString("invited"), GrantStatus.valueOf(rs.getString("status")),
            split(rs.getString("scopes")), split(rs.getString("review_scopes")), rs.getString("note"), rs.getString("terms"),
            rs.getString("terms_hash"), quotas(rs.getString("quotas")),
            window(rs.getString("window_days"), rs.getString("window_start"), rs.getString("window_end")),
            ZoneId.of(rs.getString("time_zone")), ranges(rs.getString("ip_ranges")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("accepted_at")), instant(rs.getTimestamp("ended_at")),
            instant(rs.getTimestamp("last_activity_at")));

    // By position, in the order of lockLimits's SELECT: a lookup by name costs a search per column.
    private static final RowMapper<GrantLimits> LIMITS = (rs, n) -> new GrantLimits(rs.getString(1), rs.getString(2),
            GrantStatus.valueOf(rs.getString(3)), split(rs.getString(4)), split(rs.getString(5)), quotas(rs.getString(6)),
            window(rs.getString(7), rs.getString(8), rs.getString(9)), ZoneId.of(rs.getString(10)), ranges(rs.getString(11)),
            instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));

    private static AccessWindow window(String days, String start, String end) {
        return days == null ? null : new AccessWindow(Arrays.stream(days.split(",")).map(DayOfWeek::valueOf)
                .collect(Collectors.toSet()), LocalTime.parse(start), LocalTime.parse(end));
    }

    private static List<IpRange> ranges(String stored) {
        return stored == null ? List.of() : Arrays.stream(stored.split(" ")).map(IpRange::parse).toList();
    }

    private static Set<String> split(String value) {
        return value == null || value.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(value.trim().split(" ")));
    }

    private static String join(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(" "));
    }

    /** Quotas as stored in the grant's row: "scope=perDay" pairs, sorted by scope, separated by spaces. */
    private static String quotas(Map<String, Integer> quotas) {
        return quotas.isEmpty() ? null : new TreeMap<>(quotas).entrySet().stream().map(q -> q.getKey() + "=" + q.getValue())
                .collect(Collectors.joining(" "));
    }

    private static Map<String, Integer> quotas(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        Map<String, Integer> quotas = new HashMap<>();
        for (String pair : stored.trim().split(" ")) {
            int at = pair.lastIndexOf('=');
            quotas.put(pair.substring(0, at), Integer.parseInt(pair.substring(at + 1)));
        }
        return quotas;
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
