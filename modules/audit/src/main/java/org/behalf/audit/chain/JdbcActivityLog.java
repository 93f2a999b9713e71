package org.behalf.audit.chain;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityLog;
import org.behalf.auditformat.SignedNote;
import org.behalf.auditformat.VerifyActivity;
import org.behalf.kernel.Cursors;
import org.behalf.kernel.OpaqueIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the log, exports it, and signs checkpoints on a schedule and on demand. */
@Component
class JdbcActivityLog implements ActivityLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcActivityLog.class);

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;
    private final Clock clock;
    private final String origin;
    private final GrownLogs grown;
    /** Reads an entry's own time (see {@link Window}); entries as stored are plain JSON, whatever spring.jackson.* says. */
    private final JsonMapper json = JsonMapper.builder().build();
    /** Entries of a range as committed, which this transaction's snapshot may predate (see {@link #export}). */
    private final String committedRange;

    JdbcActivityLog(JdbcTemplate jdbc, AuditKeys keys, Clock clock, GrownLogs grown, AuditSettings settings) {
        this.jdbc = jdbc;
        this.grown = grown;
        this.keys = keys;
        this.clock = clock;
        this.origin = settings.origin();
        this.committedRange = "SELECT seq, entry FROM audit_entry WHERE account_id = ? AND seq >= ? AND seq <= ? ORDER BY seq"
                + JdbcActivityRecorder.sharedLock(jdbc);
    }

    /**
     * The instants every database of ours stores in {@code occurred_at}: MySQL's and MariaDB's TIMESTAMP, from
     * 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC (DATETIME and H2 hold more). A bound compared beyond them is
     * not a time to MySQL: {@code to=2100-01-01T00:00:00Z} found no entry at all, where it is no bound (black-box
     * finding, 2026-12-07). Every entry lies inside, so a bound is moved to the edge, which finds what the bound
     * found, or is dropped: an upper bound past the end, a lower one before the start.
     */
    private static final Instant EARLIEST_STORED = Instant.parse("1970-01-01T00:00:01Z");
    private static final Instant LATEST_STORED = Instant.parse("2038-01-19T03:14:07Z");

    /**
     * What the list's SQL compares {@code occurred_at} with: whole seconds around the bounds. Connector/J sends no
     * fraction of a second to MariaDB (it reads MariaDB's version as 5.5.5, before MySQL had fractions), so a
     * bound, and the time stored with each entry there, lose their milliseconds: {@code from=…15.999Z} found
     * entries of 15.136 (black-box finding, 2026-12-07). The database narrows to the seconds the bounds fall in,
     * and {@link #holds} decides each entry it found by its own {@code occurredAt} ({@link EntryColumns}).
     */
    private record Window(Instant from, Instant to, Timestamp lower, Timestamp upper) {

        static Window of(Instant from, Instant to) {
            Instant lower = from == null || !from.isAfter(EARLIEST_STORED) ? null : min(from.truncatedTo(ChronoUnit.SECONDS), LATEST_STORED);
            Instant upper = null;
            if (to != null && !to.isAfter(LATEST_STORED)) {
                Instant second = to.truncatedTo(ChronoUnit.SECONDS);
                upper = max(second.equals(to) ? to : second.plusSeconds(1), EARLIEST_STORED);
            }
            return new Window(from, to, lower == null ? null : Timestamp.from(lower), upper == null ? null : Timestamp.from(upper));
        }

        /** Whether the window has a bound, so that what the database found by the stored time is checked by the entry's. */
        boolean bounded() {
            return from != null || to != null;
        }

        /** Whether the entry's own time lies in the window. */
        boolean holds(Instant occurredAt) {
            return (from == null || !occurredAt.isBefore(from)) && (to == null || occurredAt.isBefore(to));
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }

    /** An entry of the list. */
    private record Listed(long seq, String entry) {
    }

    /**
     * Newest first. The database finds a filter's entries by the columns beside them, which are not hashed (see
     * {@link EntryColumns}), so each entry it finds is kept only if its own fields match the filter; more are read
     * until the page is full or the log ends. The unfiltered list reads no entry's fields: it is every entry as
     * stored, and what the columns say is the verification's to check ({@link #verify}).
     */
    @Override
    public Page list(String account, Filter filter, Long beforeSeq, int limit) {
        // A cursor is the number of the entry a page ended with: past the log's end it named no entry, and the
        // newest page came again as if older (black-box finding ACTIVITY 7, 2026-12-07; docs/api.md, "Lists").
        if (beforeSeq != null && jdbc.queryForList("SELECT 1 FROM audit_entry WHERE account_id = ? AND seq = ?", Integer.class,
                account, beforeSeq).isEmpty()) {
            throw Cursors.refused();
        }
        Window window = Window.of(filter.from(), filter.to());
        boolean filtered = window.bounded() || filter.actor() != null || filter.action() != null || filter.outcome() != null;
        List<Listed> kept = new ArrayList<>();
        Long before = beforeSeq;
        while (true) {
            int wanted = limit + 1 - kept.size();
            List<Listed> rows = rows(account, filter, window, before, wanted);
            for (Listed row : rows) {
                if (!filtered || matches(row, filter, window)) {
                    kept.add(row);
                }
            }
            if (rows.size() < wanted || kept.size() > limit) {
                break;
            }
            before = rows.get(rows.size() - 1).seq();
        }
        boolean more = kept.size() > limit;
        List<Listed> shown = more ? kept.subList(0, limit) : kept;
        return new Page(shown.stream().map(Listed::entry).toList(), more ? shown.get(limit - 1).seq() : null);
    }

    /**
     * Whether the entry's own fields match the filter, exactly: the database compares the columns it found the entry by
     * as their collation does, and a column may have been edited since (then the verification names the entry). An
     * entry whose fields cannot be read matches no filter; the unfiltered list shows it as stored, and the
     * verification names it.
     */
    private boolean matches(Listed row, Filter filter, Window window) {
        EntryColumns own;
        try {
            own = EntryColumns.of(json.readTree(row.entry()));
        } catch (RuntimeException unreadable) {
            return false;
        }
        return (filter.actor() == null || filter.actor().equals(own.actorId()))
                && (filter.action() == null || filter.action().equals(own.action()))
                && (filter.outcome() == null || filter.outcome().toUpperCase(Locale.ROOT).equals(own.outcome()))
                && window.holds(own.occurredAt());
    }

    private List<Listed> rows(String account, Filter filter, Window window, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT seq, entry FROM audit_entry WHERE account_id = ?");
        List<Object> args = new ArrayList<>(List.of(account));
        if (filter.actor() != null) {
            sql.append(" AND actor_id = ?");
            args.add(filter.actor());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            args.add(filter.action());
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(filter.outcome().toUpperCase(Locale.ROOT));
        }
        if (window.lower() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(window.lower());
        }
        if (window.upper() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(window.upper());
        }
        if (beforeSeq != null) {
            sql.append(" AND seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Listed(rs.getLong(1), rs.getString(2)), args.toArray());
    }

    /**
     * One consistent cut of the chain: every entry from {@code fromSeq}, up to the last this transaction can see,
     * its own export entry included, without a gap. A plain read sees the transaction's snapshot (REPEATABLE
     * READ), taken by the request's first read, and the entry the export itself appended after it: entries other
     * requests committed in between were left out, so a genuine export failed verification with a "deleted" entry
     * (black-box finding, 2026-12-07). Entries before one this transaction can see are all committed (each links to
     * the one before it only once that one is), so those the snapshot misses are read as committed
     * ({@link JdbcActivityRecorder#sharedLock}); a gap the database itself has stays in the file, for the verifier.
     * Pages by sequence number, so that a long log is never held in memory whole.
     */
    @Override
    public void export(String account, long fromSeq, Long toSeq, Writer out) throws IOException {
        long last = toSeq == null ? Long.MAX_VALUE : toSeq;
        long next = fromSeq;
        while (true) {
            List<Stored> page = jdbc.query(EXPORT_PAGE, STORED, account, next, last, EXPORT_PAGE_SIZE);
            for (Stored entry : page) {
                if (entry.seq() > next) {
                    for (Stored missed : jdbc.query(committedRange, STORED, account, next, entry.seq() - 1)) {
                        write(out, missed);
                    }
                }
                write(out, entry);
                next = entry.seq() + 1;
            }
            if (page.size() < EXPORT_PAGE_SIZE) {
                return;
            }
        }
    }

    private static final int EXPORT_PAGE_SIZE = 1000;
    private static final String EXPORT_PAGE = "SELECT seq, entry FROM audit_entry WHERE account_id = ? AND seq >= ? AND seq <= ? "
            + "ORDER BY seq LIMIT ?";
    private static final RowMapper<Stored> STORED = (rs, n) -> new Stored(rs.getLong(1), rs.getString(2));

    /** An entry as stored, with its sequence number. */
    private record Stored(long seq, String entry) {
    }

    private static void write(Writer out, Stored entry) throws IOException {
        out.write(entry.entry());
        out.write('\n');
    }

    /** Beyond this, the log is left to the offline verifier rather than read whole on every check (the console's badge). */
    static final int VERIFY_AT_MOST = 5_000;

    /**
     * Read in this transaction's snapshot, where the checkpoint was read or signed, so that both are of one cut of the
     * chain: no entry is appended meanwhile (a request's own entry is written after its handler), and a snapshot holds
     * no gap that the chain does not (each entry is inserted only once the one it links to is committed).
     */
    @Override
    public Verification verify(String account) {
        long entries = jdbc.query(JdbcActivityRecorder.LAST_ENTRY, (rs, n) -> rs.getLong(1), account).stream().findFirst().orElse(0L);
        if (entries == 0) {
            return new Verification(Verification.UNCHECKED, 0, 0, null, null, "The log has no entries yet.");
        }
        String checkpoint = latestCheckpoint(account).orElseThrow();
        String keys = String.join("\n", publicKeys());
        SignedNote.Checkpoint signed = signedCheckpoint(account, checkpoint, keys);
        long signedUpTo = signed == null ? 0 : signed.size();
        if (entries > VERIFY_AT_MOST) {
            return new Verification(Verification.UNCHECKED, entries, signedUpTo, null, null,
                    "More than " + VERIFY_AT_MOST + " entries: verify the export offline (scripts/verify-activity).");
        }
        StringBuilder export = new StringBuilder();
        Long misfiled = null;
        String why = null;
        long next = 1;
        while (true) {
            List<Filed> page = jdbc.query(FILED_PAGE, FILED, account, next, EXPORT_PAGE_SIZE);
            for (Filed row : page) {
                export.append(row.entry()).append('\n');
                if (misfiled == null) {
                    why = misfiling(row);
                    misfiled = why == null ? null : row.columns().seq();
                }
                next = row.columns().seq() + 1;
            }
            if (page.size() < EXPORT_PAGE_SIZE) {
                break;
            }
        }
        VerifyActivity.Result chain = VerifyActivity.verify(export.toString(), List.of(checkpoint), keys);
        // An entry edited in place disagrees with its columns too: the chain's reason comes first where both fail.
        if (!chain.valid() && (misfiled == null || chain.firstBad() <= misfiled)) {
            // Past the last entry held is where the verifier names entries a checkpoint signed and the log no longer has.
            String problem = signed == null ? "checkpoint" : chain.firstBad() > entries ? "cut-off" : "changed";
            return broken(account, entries, signedUpTo, chain.firstBad(), problem, chain.why());
        }
        if (misfiled != null) {
            return broken(account, entries, signedUpTo, misfiled, "misfiled", why);
        }
        return new Verification(Verification.VERIFIED, chain.validUpTo(), signedUpTo, null, null, null);
    }

    private Verification broken(String account, long entries, long signedUpTo, long seq, String problem, String why) {
        LOG.error("The activity log of {} does not verify at entry {} ({}: {}): it was changed in the database "
                + "(docs/activity-log.md, \"Verifying\")", account, seq, problem, why);
        return new Verification(Verification.BROKEN, entries, signedUpTo, seq, problem, why);
    }

    /** The checkpoint as signed by one of the published keys for this log, or null when it is not (its text or key was changed). */
    private static SignedNote.Checkpoint signedCheckpoint(String account, String note, String keys) {
        for (SignedNote.VerifierKey key : VerifyActivity.keys(keys)) {
            try {
                SignedNote.Checkpoint checkpoint = SignedNote.verify(note, key);
                return checkpoint.origin().endsWith("/" + account) ? checkpoint : null;
            } catch (IllegalArgumentException notThisKey) {
                // another key may have signed it
            }
        }
        return null;
    }

    /** Where the columns beside the entry say something else than the entry itself, in words; null if nowhere. */
    private String misfiling(Filed row) {
        try {
            return row.columns().disagreement(EntryColumns.of(json.readTree(row.entry())));
        } catch (RuntimeException unreadable) {
            // Not an entry at all: the chain names it, at this entry or before.
            return "the entry cannot be read";
        }
    }

    /** An entry with the columns stored beside it. */
    private record Filed(String entry, EntryColumns columns) {
    }

    private static final String FILED_PAGE = "SELECT entry, " + EntryColumns.NAMES + " FROM audit_entry WHERE account_id = ? AND seq >= ? "
            + "ORDER BY seq LIMIT ?";
    private static final RowMapper<Filed> FILED = (rs, n) -> new Filed(rs.getString(1), EntryColumns.read(rs, 2));

    @Override
    public Optional<String> latestCheckpoint(String account) {
        checkpointNow(account);
        return jdbc.queryForList(NEWEST_NOTE, String.class, account).stream().findFirst();
    }

    /**
     * Only an id of an entry id's shape is looked up: the column compares byte for byte
     * (audit V202612070957), but pads, and found "act_…   " as "act_…" (docs/security.md rule 26). The entry found
     * is the one whose own id it is: the column beside it is not hashed, and one edited in the database would have an
     * undo act on another entry than the holder chose (see {@link EntryColumns}).
     */
    @Override
    public Optional<String> entry(String account, String entryId) {
        if (!OpaqueIds.isOf(ActivityEntry.ID_PREFIX, entryId)) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT entry FROM audit_entry WHERE account_id = ? AND id = ?", String.class, account, entryId)
                .stream().filter(entry -> entryId.equals(json.readTree(entry).path("id").asString(null))).findFirst();
    }

    @Override
    public boolean contains(String account, long seq, String entryId) {
        return !jdbc.queryForList("SELECT 1 FROM audit_entry WHERE account_id = ? AND seq = ? AND id = ?", Integer.class,
                account, seq, entryId).isEmpty();
    }

    @Override
    public Optional<String> checkpoint(String account, long size) {
        return jdbc.queryForList("SELECT note FROM audit_checkpoint WHERE account_id = ? AND size = ?", String.class, account, size)
                .stream().findFirst();
    }

    @Override
    public Optional<String> checkpointNow(String account) {
        // The head is read to the end before signing: signing inside the row mapper ran its statements
        // while this result set still held a connection, two at once (docs/security.md rule 41).
        record Head(long size, String hash) {
        }
        return jdbc.query(JdbcActivityRecorder.LAST_ENTRY, (rs, n) -> new Head(rs.getLong(1), rs.getString(2)), account)
                .stream().findFirst().map(head -> sign(account, head.size(), head.hash()));
    }

    private static final String NEWEST_NOTE = "SELECT note FROM audit_checkpoint WHERE account_id = ? ORDER BY size DESC LIMIT 1";

    /**
     * Whether the entries the newest checkpoint below {@code size} signed are no longer stored as it signed them. A
     * checkpoint is signed only as an extension of the one before it: entries edited in the database with their hashes
     * recomputed up to the head (or removed and written again) were signed anew by the next checkpoint, and the
     * console's badge and an export checked against the latest checkpoint said "verified" over the rewritten history,
     * although this log's own earlier checkpoint contradicts it (docs/security.md, "Someone with database access to the
     * activity log"; black-box finding, 2026-12-07). Such a log is signed no further: its newest checkpoint stays the
     * last one signed honestly, which the rewritten entries do not match, so every check of them fails at that size.
     * The head the checkpoint signed is compared with both the stored hash and the entry's own, which the export shows.
     */
    private boolean rewrittenSinceSigned(String account, long size) {
        record Signed(long size, String headHash) {
        }
        Optional<Signed> previous = jdbc.query("SELECT size, head_hash FROM audit_checkpoint WHERE account_id = ? AND size < ? "
                + "ORDER BY size DESC LIMIT 1", (rs, n) -> new Signed(rs.getLong(1), rs.getString(2)), account, size).stream().findFirst();
        if (previous.isEmpty()) {
            return false;
        }
        boolean kept = jdbc.query("SELECT hash, entry FROM audit_entry WHERE account_id = ? AND seq = ?",
                (rs, n) -> previous.get().headHash().equals(rs.getString(1))
                        && previous.get().headHash().equals(json.readTree(rs.getString(2)).path("hash").asString()),
                account, previous.get().size()).stream().findFirst().orElse(false);
        if (!kept) {
            LOG.error("The activity log of {} no longer holds entry {} as its checkpoint signed it: the log was changed in the "
                    + "database, and no checkpoint is signed over it (docs/activity-log.md, \"Checkpoints\")", account, previous.get().size());
        }
        return !kept;
    }

    @Override
    public List<String> publicKeys() {
        return keys.published();
    }

    /**
     * Every minute, a checkpoint for each log this node appended to since the previous run. A log
     * whose node stopped before then is signed when a checkpoint is next asked for, or by the node
     * of its next entry.
     */
    @Scheduled(fixedDelayString = "${behalf.audit.checkpoint-interval:60s}", initialDelayString = "${behalf.audit.checkpoint-interval:60s}")
    void checkpointGrownLogs() {
        for (String account : grown.take()) {
            checkpointNow(account);
        }
    }

    /** Ed25519 signatures are deterministic: nodes signing the same head write the same note. */
    private String sign(String account, long size, String headHash) {
        Optional<String> existing = checkpoint(account, size);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (rewrittenSinceSigned(account, size)) {
            return jdbc.queryForObject(NEWEST_NOTE, String.class, account);
        }
        AuditKeys.Signing key = keys.signing();
        String note = SignedNote.sign(new SignedNote.Checkpoint(origin + "/" + account, size, headHash), key.name(), key.privateKey());
        jdbc.update("INSERT IGNORE INTO audit_checkpoint (account_id, size, head_hash, note, created_at) VALUES (?, ?, ?, ?, ?)",
                account, size, headHash, note, Timestamp.from(clock.instant()));
        return note;
    }
}
