package org.behalf.audit.chain;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
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
import tools.jackson.databind.node.ObjectNode;

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

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    /** Accounts whose head row a committed transaction of this node created or saw; forgotten past a bound. */
    private final Set<String> committedHeads = ConcurrentHashMap.newKeySet();

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
        Head head = lockHead(event.account());
        long seq = head.seq() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ActivityEntry draft = new ActivityEntry(newId(), seq, now, event.account(), event.actor(), event.grantId(),
                event.clientId(), event.action(), event.target(), event.outcome(), bounded(event.reason()), event.changes(),
                event.request().ip(), bounded(event.request().userAgent()), event.request().requestId(), head.hash(), null);
        ObjectNode node = EntryJson.of(draft, json);
        String hash = EntryHash.compute(head.hash(), CanonicalJson.of(node));
        node.put("hash", hash);
        String stored = CanonicalJson.of(node);
        jdbc.update("INSERT INTO audit_entry (account_id, seq, id, occurred_at, actor_kind, actor_id, action, outcome, grant_id, hash, entry) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.account(), seq, draft.id(), Timestamp.from(now),
                event.actor().kind().name(), event.actor().id(), event.action(), event.outcome().name(), event.grantId(), hash,
                stored);
        jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE account_id = ?", seq, hash, event.account());
        return new ActivityEntry(draft.id(), seq, now, draft.account(), draft.actor(), draft.grantId(), draft.clientId(),
                draft.action(), draft.target(), draft.outcome(), draft.reason(), draft.changes(), draft.ip(), draft.userAgent(),
                draft.requestId(), draft.prevHash(), hash);
    }

    private record Head(long seq, String hash) {
    }

    /**
     * Locks the account's chain head, creating it for a first entry. ON DUPLICATE KEY takes the
     * row's exclusive lock at once: INSERT IGNORE would take a shared lock that two first writers
     * both try to upgrade, and a locking read of a missing row takes a gap lock that their inserts
     * then collide on; InnoDB resolves both as deadlocks. Heads are never deleted, so once one is
     * known to be committed the locking read alone is safe, and saves a statement per entry.
     */
    private Head lockHead(String account) {
        if (committedHeads.contains(account)) {
            List<Head> head = jdbc.query(LOCK_HEAD, HEAD, account);
            if (!head.isEmpty()) {
                return head.get(0);
            }
        }
        jdbc.update("INSERT INTO audit_head (account_id, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE seq = seq",
                account, EntryHash.GENESIS);
        Head head = jdbc.queryForObject(LOCK_HEAD, HEAD, account);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (committedHeads.size() >= KNOWN_HEADS) {
                    committedHeads.clear();
                }
                committedHeads.add(account);
            }
        });
        return head;
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
