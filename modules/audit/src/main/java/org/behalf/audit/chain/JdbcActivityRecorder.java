package org.behalf.audit.chain;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.verifier.CanonicalJson;
import org.behalf.verifier.EntryHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries to an account's hash chain inside the caller's transaction (DESIGN.md section 2
 * rule 6): the account's head row is locked, the entry takes the next sequence number and links to
 * the head's hash, and the head moves on. Writers for one account queue on its head row; writers
 * for different accounts never meet.
 */
@Component
public class JdbcActivityRecorder implements ActivityRecorder {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TEXT = 1000;
    private static final int KNOWN_HEADS = 100_000;
    private static final String LOCK_HEAD = "SELECT seq, hash FROM audit_head WHERE account_id = ? FOR UPDATE";
    private static final RowMapper<Head> HEAD = (rs, n) -> new Head(rs.getLong(1), rs.getString(2));
    private static final String MOVE_HEAD_IF_UNCHANGED = "UPDATE audit_head SET seq = ?, hash = ? WHERE account_id = ? AND seq = ? AND hash = ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    /**
     * The head of each account's chain as this node's last committed entry left it (a hint, never
     * trusted: moving it is conditional); forgotten past a bound.
     */
    private final Map<String, Head> knownHeads = new ConcurrentHashMap<>();

    public JdbcActivityRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
        this.clock = clock;
    }

    @Override
    public ActivityEntry record(ActivityEvent event) {
        // No entry without the transaction of its action: rule 6 (atomic), never best effort.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("activity entries are written only inside the action's transaction");
        }
        String account = event.account();
        Head known = knownHeads.get(account);
        if (known != null) {
            // The head this node last committed is most likely still the head: move it on in one
            // statement, which also takes the row's lock, and fails (no row) if another writer
            // moved it first; then the locking read below finds where it is now.
            Entry entry = entry(event, known);
            if (jdbc.update(MOVE_HEAD_IF_UNCHANGED, entry.seq(), entry.hash(), account, known.seq(), known.hash()) == 1) {
                insert(entry);
                return entry.committed();
            }
        }
        Entry entry = entry(event, lockHead(account, known != null));
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE account_id = ?", entry.seq(), entry.hash(), account);
        insert(entry);
        return entry.committed();
    }

    private record Head(long seq, String hash) {
    }

    /** An entry ready to be stored, with its canonical text, that moves its account's head once committed. */
    private final class Entry {
        private final ActivityEntry value;
        private final String stored;

        Entry(ActivityEntry value, String stored) {
            this.value = value;
            this.stored = stored;
        }

        long seq() {
            return value.seq();
        }

        String hash() {
            return value.hash();
        }

        /** The entry, remembered as its account's head once (and only if) the transaction commits. */
        ActivityEntry committed() {
            String account = value.account();
            Head head = new Head(value.seq(), value.hash());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    if (knownHeads.size() >= KNOWN_HEADS) {
                        knownHeads.clear();
                    }
                    knownHeads.merge(account, head, (old, now) -> now.seq() > old.seq() ? now : old);
                }
            });
            return value;
        }
    }

    /** The next entry after {@code head}: its sequence number, and its hash linking it to the head's. */
    private Entry entry(ActivityEvent event, Head head) {
        long seq = head.seq() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ActivityEntry draft = new ActivityEntry(newId(), seq, now, event.account(), event.actor(), event.grantId(),
                event.clientId(), event.action(), event.target(), event.outcome(), bounded(event.reason()), event.changes(),
                event.request().ip(), bounded(event.request().userAgent()), event.request().requestId(), head.hash(), null);
        // Hashed without its "hash" member, stored with it (DESIGN.md section 7).
        CanonicalJson.WithMember canonical = CanonicalJson.withMember(EntryJson.of(draft, json), "hash",
                without -> EntryHash.compute(head.hash(), without));
        return new Entry(new ActivityEntry(draft.id(), seq, now, draft.account(), draft.actor(), draft.grantId(), draft.clientId(),
                draft.action(), draft.target(), draft.outcome(), draft.reason(), draft.changes(), draft.ip(), draft.userAgent(),
                draft.requestId(), draft.prevHash(), canonical.value()), canonical.with());
    }

    private void insert(Entry entry) {
        ActivityEntry e = entry.value;
        jdbc.update("INSERT INTO audit_entry (account_id, seq, id, occurred_at, actor_kind, actor_id, action, outcome, grant_id, hash, entry) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.account(), e.seq(), e.id(), Timestamp.from(e.occurredAt()),
                e.actor().kind().name(), e.actor().id(), e.action(), e.outcome().name(), e.grantId(), e.hash(), entry.stored);
    }

    /**
     * Locks the account's chain head, creating it for a first entry. ON DUPLICATE KEY takes the
     * row's exclusive lock at once: INSERT IGNORE would take a shared lock that two first writers
     * both try to upgrade, and a locking read of a missing row takes a gap lock that their inserts
     * then collide on; InnoDB resolves both as deadlocks. Heads are never deleted, so once one is
     * known to be committed the locking read alone is safe, and saves a statement.
     */
    private Head lockHead(String account, boolean exists) {
        if (exists) {
            List<Head> head = jdbc.query(LOCK_HEAD, HEAD, account);
            if (!head.isEmpty()) {
                return head.get(0);
            }
        }
        jdbc.update("INSERT INTO audit_head (account_id, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE seq = seq",
                account, EntryHash.GENESIS);
        return jdbc.queryForObject(LOCK_HEAD, HEAD, account);
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "act_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
