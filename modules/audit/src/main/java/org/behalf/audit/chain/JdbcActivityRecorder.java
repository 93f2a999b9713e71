package org.behalf.audit.chain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.kernel.TextField;
import org.behalf.kernel.OpaqueIds;
import org.behalf.auditformat.CanonicalJson;
import org.behalf.auditformat.EntryHash;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries to an account's hash chain inside the caller's transaction (DESIGN.md section 2
 * rule 6, section 7), one INSERT per entry (two for a batch of one account's entries). The database
 * keeps the chain linear: the primary key (account, sequence number) lets only the first of two
 * writers linking to the same head insert, and the insert happens only if the entry it links to is
 * stored with the hash it links to. The second writer learns the new head from the entry that beat
 * it and links to that.
 *
 * <p>No row is shared by an account's writers but the entries themselves, and entries are only
 * inserted and read by exact key, so writers for different accounts never wait for each other.
 * One case is left to InnoDB's deadlock detection: when an entry's transaction rolls back while
 * two or more writers wait to insert the same sequence number, their shared locks on it become
 * gap locks that block each other's inserts; one of those requests fails with nothing changed
 * and is run again by the server (the enforcement filter; 503 "try again" only past its bound).
 */
@Component
public class JdbcActivityRecorder implements ActivityRecorder {

    private static final int MAX_TEXT = 1000;
    private static final int KNOWN_HEADS = 100_000;
    private static final String INSERT = "INSERT INTO audit_entry (account_id, seq, id, occurred_at, actor_kind, actor_id, action, "
            + "outcome, grant_id, hash, entry) ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** An entry linked to the head, inserted only if the head is stored as linked to. */
    private static final String LINKED = INSERT + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM audit_entry "
            + "WHERE account_id = ? AND seq = ? AND hash = ?";
    private static final RowMapper<Head> HEAD = (rs, n) -> new Head(rs.getLong(1), rs.getString(2));
    /** The head of an account's chain: its last entry (there is no head row). */
    static final String LAST_ENTRY = "SELECT seq, hash FROM audit_entry WHERE account_id = ? ORDER BY seq DESC LIMIT 1";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final GrownLogs grown;
    /**
     * {@code behalf_activity_appends_seconds}: appends (an entry, or a batch of one account's) and how
     * long each took, races lost included.
     */
    private final Timer appends;
    /**
     * The head of each account's chain as this node's last committed entry left it, so that an
     * append is one INSERT; a hint, never trusted (the insert fails if the head moved on), and
     * forgotten past a bound.
     */
    private final Map<String, Head> knownHeads = new ConcurrentHashMap<>();

    /**
     * Reads the entry that took a sequence number. InnoDB (REPEATABLE READ) needs a locking read
     * to see an entry committed after the transaction's snapshot, and a shared one: the failed
     * insert already holds a shared lock on that entry, as may other writers that lost to it, and
     * their upgrades to an exclusive lock would deadlock. H2 (the development database) reads
     * committed rows without a lock, and knows no shared-lock clause.
     */
    private final String takenEntry;

    public JdbcActivityRecorder(JdbcTemplate jdbc, Clock clock, GrownLogs grown, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.grown = grown;
        this.appends = Timer.builder("behalf.activity.appends")
                .description("Appends to an activity log (an entry, or a batch of one account's), and how long each took")
                .register(meters);
        // Not the application's JsonMapper: an entry is hashed into the chain and exported, and its
        // form is the one the standalone verifier reads (docs/activity-log.md), so it must not change
        // with the spring.jackson.* settings; the benchmark builds this recorder without Spring too.
        this.json = JsonMapper.builder().build();
        this.clock = clock;
        this.takenEntry = "SELECT seq, hash FROM audit_entry WHERE account_id = ? AND seq = ?" + sharedLock(jdbc);
    }

    /**
     * The clause of a read that sees entries committed after the transaction's snapshot (see {@link #takenEntry}):
     * {@code LOCK IN SHARE MODE} on MySQL and MariaDB, nothing on H2, which reads committed rows without it.
     */
    static String sharedLock(JdbcTemplate jdbc) {
        String database = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
        return "H2".equals(database) ? "" : " LOCK IN SHARE MODE";
    }

    @Override
    public ActivityEntry record(ActivityEvent event) {
        return recordAll(List.of(event)).get(0);
    }

    /**
     * Two INSERTs at most, however many entries: a batch of one grant's token exchanges records an
     * entry per token while it holds the grant's lock, and each statement there is a round trip every
     * exchange of the grant waits for (docs/operations.md, "token exchange").
     */
    @Override
    public List<ActivityEntry> recordAll(List<ActivityEvent> events) {
        // No entry without the transaction of its action: rule 6 (atomic), never best effort.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("activity entries are written only inside the action's transaction");
        }
        String account = events.get(0).account();
        if (events.stream().anyMatch(event -> !event.account().equals(account))) {
            throw new IllegalArgumentException("entries are appended together to one account's log only");
        }
        Timer.Sample sample = Timer.start();
        List<ActivityEntry> appended = append(account, events);
        sample.stop(appends);
        return appended;
    }

    private List<ActivityEntry> append(String account, List<ActivityEvent> events) {
        // An entry this transaction wrote is the head for certain: nobody links to it before it commits.
        Appended appended = (Appended) TransactionSynchronizationManager.getResource(this);
        Head head = appended == null ? null : appended.heads.get(account);
        boolean caughtUp = head != null;
        if (head == null) {
            head = knownHeads.get(account);
            caughtUp = head == null;
        }
        if (head == null) {
            head = snapshotHead(account);
        }
        for (int attempt = 0; ; attempt++) {
            List<Entry> entries = entries(events, head);
            try {
                if (insert(entries, head)) {
                    Entry last = entries.get(entries.size() - 1);
                    moved(appended, account, new Head(last.seq(), last.hash()));
                    return entries.stream().map(Entry::value).toList();
                }
            } catch (DuplicateKeyException taken) {
                // Another writer appended after the head first (another node, a request of this
                // one, or this transaction itself); only this statement failed. A chain has no
                // gaps, so the number after the head is taken; the entry there is committed (the
                // insert waited for its writer) or this transaction's own.
                long next = head.seq() + 1;
                Head winner = new Head(next, jdbc.query(takenEntry, HEAD, account, next).stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("a taken sequence number has no entry")).hash());
                // A head remembered long ago may be far behind: go on from the snapshot's, if later.
                Head snapshot = caughtUp ? null : snapshotHead(account);
                caughtUp = true;
                head = snapshot != null && snapshot.seq() > winner.seq() ? snapshot : winner;
                continue;
            }
            // Not inserted: the remembered head is not in the database as remembered (a failover
            // lost its commit, or a backup was restored). Linking to it would leave a gap for good.
            if (attempt > 0) {
                throw new IllegalStateException("the chain head read from the database is not in it");
            }
            knownHeads.remove(account, head);
            head = snapshotHead(account);
            caughtUp = true;
        }
    }

    /** Notes that this transaction moved an account's head (see {@link Appended}); {@code appended} as it was looked up. */
    private void moved(Appended appended, String account, Head head) {
        if (appended == null) {
            appended = new Appended();
            TransactionSynchronizationManager.bindResource(this, appended);
            TransactionSynchronizationManager.registerSynchronization(appended);
        }
        appended.heads.put(account, head);
    }

    /**
     * The heads a transaction moved, one per account it appended to, kept as a resource of the
     * transaction (keyed by this recorder). Its next entry on one of them links to its last without
     * a failed insert and a read (a batch of token exchanges records one entry per token in one
     * transaction); once (and only if) it commits, this node remembers them as the heads. Set aside
     * while an inner transaction runs, which cannot see them.
     */
    private final class Appended implements TransactionSynchronization {
        private final Map<String, Head> heads = new HashMap<>();

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(JdbcActivityRecorder.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(JdbcActivityRecorder.this, this);
        }

        @Override
        public void afterCommit() {
            if (knownHeads.size() >= KNOWN_HEADS) {
                knownHeads.clear();
            }
            heads.forEach((account, head) -> {
                knownHeads.merge(account, head, (old, now) -> now.seq() > old.seq() ? now : old);
                grown.grew(account);
            });
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcActivityRecorder.this);
        }
    }

    /**
     * The head as this transaction's snapshot shows it (a plain read): the head then or an
     * earlier one, never a later one; appending walks on from it.
     */
    private Head snapshotHead(String account) {
        return jdbc.query(LAST_ENTRY, HEAD, account).stream().findFirst().orElse(new Head(0, EntryHash.GENESIS));
    }

    private record Head(long seq, String hash) {
    }

    /** An entry ready to be stored, with its canonical text. */
    private record Entry(ActivityEntry value, String stored) {

        long seq() {
            return value.seq();
        }

        String hash() {
            return value.hash();
        }
    }

    /** The entries after {@code head}, each linked to the one before it. */
    private List<Entry> entries(List<ActivityEvent> events, Head head) {
        List<Entry> entries = new ArrayList<>(events.size());
        for (ActivityEvent event : events) {
            Entry entry = entry(event, head);
            entries.add(entry);
            head = new Head(entry.seq(), entry.hash());
        }
        return entries;
    }

    /** The next entry after {@code head}: its sequence number, and its hash linking it to the head's. */
    private Entry entry(ActivityEvent event, Head head) {
        long seq = head.seq() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ActivityEntry draft = new ActivityEntry(OpaqueIds.next(ActivityEntry.ID_PREFIX), seq, now, event.account(), event.actor(), event.grantId(),
                event.clientId(), event.action(), event.target(), event.outcome(), bounded(event.reason()), event.changes(),
                event.request().ip(), bounded(event.request().userAgent()), event.request().requestId(), head.hash(), null);
        // Hashed without its "hash" member, stored with it (DESIGN.md section 7).
        CanonicalJson.WithMember canonical = CanonicalJson.withMember(EntryJson.of(draft, json), "hash",
                without -> EntryHash.compute(head.hash(), without));
        return new Entry(new ActivityEntry(draft.id(), seq, now, draft.account(), draft.actor(), draft.grantId(), draft.clientId(),
                draft.action(), draft.target(), draft.outcome(), draft.reason(), draft.changes(), draft.ip(), draft.userAgent(),
                draft.requestId(), draft.prevHash(), canonical.value()), canonical.with());
    }

    /**
     * Inserts the entries if the head the first links to is an entry of the database; false if it
     * is not (then none is inserted). A first entry links to no entry. The rest follow in one
     * statement, whatever their number: they link to the first, which nobody else can link to
     * before this transaction commits. (One statement for all, each row on the head's condition
     * through UNION ALL, is what MySQL takes but H2 cannot type.)
     */
    private boolean insert(List<Entry> entries, Head head) {
        List<Object> first = values(entries.get(0));
        if (head.seq() == 0) {
            jdbc.update(INSERT + "VALUES " + ROW, first.toArray());
        } else {
            first.addAll(List.of(entries.get(0).value().account(), head.seq(), head.hash()));
            if (jdbc.update(LINKED, first.toArray()) != 1) {
                return false;
            }
        }
        if (entries.size() > 1) {
            List<Object> rest = new ArrayList<>();
            entries.subList(1, entries.size()).forEach(entry -> rest.addAll(values(entry)));
            try {
                jdbc.update(INSERT + "VALUES " + String.join(", ", Collections.nCopies(entries.size() - 1, ROW)), rest.toArray());
            } catch (DuplicateKeyException impossible) {
                // Not a race lost (see above): never walk on from here, which would record the first twice.
                throw new IllegalStateException("an entry after one this transaction holds was taken", impossible);
            }
        }
        return true;
    }

    private static List<Object> values(Entry entry) {
        ActivityEntry e = entry.value();
        return new ArrayList<>(Arrays.asList(e.account(), e.seq(), e.id(), Timestamp.from(e.occurredAt()), e.actor().kind().name(),
                e.actor().id(), e.action(), e.outcome().name(), e.grantId(), e.hash(), entry.stored()));
    }

    private static String bounded(String text) {
        return TextField.cut(text, MAX_TEXT);
    }
}
