package org.behalf.audit.chain;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.behalf.audit.api.ActivityLog;
import org.behalf.auditformat.SignedNote;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reads the log, exports it, and signs checkpoints on a schedule and on demand. */
@Component
class JdbcActivityLog implements ActivityLog {

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;
    private final Clock clock;
    private final String origin;
    private final GrownLogs grown;
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
     * A bound as the database compares it, moved into the range it can store: beyond, {@link Timestamp#from}
     * overflowed the epoch milliseconds without a word, so a lower bound in year 1,000,000,000 found every
     * entry and an upper one none (black-box testing, 2026-12-07). Every entry lies inside (TIMESTAMP holds
     * 1970 to 2038 or 2106), so a bound moved to the edge finds exactly what it found where it was: an upper
     * bound far off is no bound, a lower one finds nothing. A day inside DATETIME's years 1000 to 9999,
     * for the session's time zone.
     */
    private static Timestamp storable(Instant bound) {
        return Timestamp.from(bound.isBefore(EARLIEST_BOUND) ? EARLIEST_BOUND : bound.isAfter(LATEST_BOUND) ? LATEST_BOUND : bound);
    }

    private static final Instant EARLIEST_BOUND = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST_BOUND = Instant.parse("9999-12-30T00:00:00Z");

    @Override
    public Page list(String account, Filter filter, Long beforeSeq, int limit) {
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
            args.add(filter.outcome().toUpperCase(java.util.Locale.ROOT));
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(storable(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(storable(filter.to()));
        }
        if (beforeSeq != null) {
            sql.append(" AND seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        List<long[]> seqs = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            seqs.add(new long[] {rs.getLong(1)});
            entries.add(rs.getString(2));
        }, args.toArray());
        boolean more = entries.size() > limit;
        return new Page(more ? entries.subList(0, limit) : entries, more ? seqs.get(limit - 1)[0] : null);
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

    @Override
    public Optional<String> latestCheckpoint(String account) {
        checkpointNow(account);
        return jdbc.queryForList("SELECT note FROM audit_checkpoint WHERE account_id = ? ORDER BY size DESC LIMIT 1",
                String.class, account).stream().findFirst();
    }

    @Override
    public Optional<String> entry(String account, String entryId) {
        return jdbc.queryForList("SELECT entry FROM audit_entry WHERE account_id = ? AND id = ?", String.class, account, entryId)
                .stream().findFirst();
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
        AuditKeys.Signing key = keys.signing();
        String note = SignedNote.sign(new SignedNote.Checkpoint(origin + "/" + account, size, headHash), key.name(), key.privateKey());
        jdbc.update("INSERT IGNORE INTO audit_checkpoint (account_id, size, head_hash, note, created_at) VALUES (?, ?, ?, ?, ?)",
                account, size, headHash, note, Timestamp.from(clock.instant()));
        return note;
    }
}
