package org.behalf.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.behalf.audit.AuditSlice;
import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.KeyEncryption;
import org.behalf.auditformat.CanonicalJson;
import org.behalf.auditformat.EntryHash;
import org.behalf.auditformat.SignedNote;
import org.behalf.auditformat.VerifyActivity;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-account hash chain on MySQL (DESIGN.md section 7; docs/security.md rules 31-33): entries
 * are appended only inside a transaction and vanish with it, concurrent writers get gapless
 * sequence numbers, and what an outsider exports verifies offline, across key rotations and a head
 * the database lost.
 */
class ActivityChainTest extends AuditSlice {

    @Autowired
    private AuditKeys auditKeys;
    @Autowired
    private KeyEncryption keyEncryption;

    @Test
    void concurrentWritersForOneAccountGetGaplessSequenceNumbersAndAValidChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    append(holder, "test.write");
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        List<Long> seqs = jdbc.queryForList("SELECT seq FROM audit_entry WHERE account_id = ? ORDER BY seq", Long.class, holder);
        assertThat(seqs).hasSize(200);
        assertThat(seqs.get(0)).isEqualTo(1);
        assertThat(seqs.get(199)).isEqualTo(200);
        String export = String.join("\n", jdbc.queryForList("SELECT entry FROM audit_entry WHERE account_id = ? ORDER BY seq",
                String.class, holder));
        String key = http.get("/api/v1/activity/keys", null).body().lines().findFirst().orElseThrow();
        assertThat(VerifyActivity.verify(export, List.of(), key).toString())
                .isEqualTo("valid up to seq 200 (no checkpoint)");
    }

    /**
     * Entries appended together (a batch of one grant's token exchanges: two statements) among
     * writers appending one at a time to the same account: the batch's entries are consecutive and
     * in its order, the first batch of a new log starts it, and the chain stays gapless and verifies.
     */
    @Test
    void batchesAmongSingleWritersStayConsecutiveInOneGaplessChain() throws Exception {
        List<String> first = actions("test.opening", 3);
        List<ActivityEntry> opening = transactions.execute(status -> recorder.recordAll(events(holder, first)));
        assertThat(opening).extracting(ActivityEntry::seq).containsExactly(1L, 2L, 3L);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<ActivityEntry>>> batches = new ArrayList<>();
        List<Future<?>> singles = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            batches.add(pool.submit(() -> {
                List<ActivityEntry> written = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    List<String> actions = actions("test.batch" + writer + "_" + i, 1 + (writer + i) % 5);
                    written.addAll(transactions.execute(status -> recorder.recordAll(events(holder, actions))));
                }
                return written;
            }));
            singles.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    append(holder, "test.single");
                }
            }));
        }
        int batched = 0;
        for (Future<List<ActivityEntry>> batch : batches) {
            batched += batch.get().size();
        }
        for (Future<?> single : singles) {
            single.get();
        }
        pool.shutdown();

        int total = 3 + batched + 80;
        List<String> actions = jdbc.queryForList("SELECT action FROM audit_entry WHERE account_id = ? ORDER BY seq", String.class, holder);
        assertThat(actions).hasSize(total);
        assertThat(jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry WHERE account_id = ?", Long.class, holder)).isEqualTo(total);
        // Each batch's entries follow one another, in the order given.
        for (int w = 0; w < 4; w++) {
            for (int i = 0; i < 10; i++) {
                List<String> batch = actions("test.batch" + w + "_" + i, 1 + (w + i) % 5);
                assertThat(Collections.indexOfSubList(actions, batch)).as("batch %d/%d in one run", w, i).isNotNegative();
            }
        }
        String export = String.join("\n", jdbc.queryForList("SELECT entry FROM audit_entry WHERE account_id = ? ORDER BY seq",
                String.class, holder));
        String key = http.get("/api/v1/activity/keys", null).body().lines().findFirst().orElseThrow();
        assertThat(VerifyActivity.verify(export, List.of(), key).toString()).isEqualTo("valid up to seq " + total + " (no checkpoint)");
    }

    /** A batch is one account's: entries for two accounts are refused, and nothing is written. */
    @Test
    void aBatchForTwoAccountsIsRefused() {
        String other = OpaqueIds.next("mbr");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> recorder.recordAll(
                List.of(event(holder, "test.mixed"), event(other, "test.mixed"))))).isInstanceOf(IllegalArgumentException.class);
        assertThat(count(holder, "test.mixed") + count(other, "test.mixed")).isZero();
    }

    @Test
    void aRolledBackActionLeavesNoEntryAndNoEntryIsWrittenOutsideATransaction() {
        transactions.executeWithoutResult(status -> {
            recorder.record(event(holder, "test.rolled_back"));
            status.setRollbackOnly();
        });

        assertThat(count(holder, "test.rolled_back")).isZero();
        assertThatThrownBy(() -> recorder.record(event(holder, "test.no_transaction"))).isInstanceOf(IllegalStateException.class);
        assertThat(count(holder, "test.no_transaction")).isZero();
    }

    /**
     * The database loses the last committed entry of a log (a failover to a replica that had not
     * received it, a restored backup) while the node that wrote it still remembers it as the head.
     * The next entry must follow what the database holds, not leave a gap that no entry fills.
     */
    @Test
    void aHeadTheDatabaseLostIsNotLinkedTo() {
        for (String action : List.of("test.first", "test.second", "test.lost")) {
            append(holder, action);
        }
        long lost = jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry WHERE account_id = ?", Long.class, holder);
        // What the failover does (the application's own database user may not delete).
        jdbc.update("DELETE FROM audit_entry WHERE account_id = ? AND seq = ?", holder, lost);

        // A batch (token exchanges) follows it as a single entry does.
        transactions.executeWithoutResult(status -> recorder.recordAll(events(holder, List.of("test.after_failover", "test.batched"))));

        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE account_id = ? AND seq >= ? ORDER BY seq", String.class,
                holder, lost)).containsExactly("test.after_failover", "test.batched");
        String export = http.get("/api/v1/activity/export", holder).body();
        String checkpoint = http.get("/api/v1/activity/checkpoints/latest", holder).body();
        assertThat(VerifyActivity.verify(export, List.of(checkpoint), http.get("/api/v1/activity/keys", null).body()).toString())
                .isEqualTo("valid up to seq " + export.lines().count());
    }

    /**
     * docs/security.md, "Someone with database access to the activity log": entries a checkpoint signed, edited in the
     * database with every later hash recomputed, were signed anew by the next checkpoint, so the latest checkpoint (and
     * the console's badge over it) vouched for the rewritten history (black-box finding, 2026-12-07). Such a log is
     * signed no further: its newest checkpoint stays the one the rewritten entries fail.
     */
    @Test
    void historyRewrittenInTheDatabaseIsNeverSignedAgain() {
        for (String action : List.of("test.first", "test.second", "test.third")) {
            append(holder, action);
        }
        String signed = http.post("/api/v1/activity/checkpoints", holder, null).body();
        rewrite(holder, 2, "test.second", "test.forged");
        append(holder, "test.after");

        String latest = http.get("/api/v1/activity/checkpoints/latest", holder).body();
        String export = http.get("/api/v1/activity/export", holder).body();

        assertThat(export).contains("test.forged").contains("test.after");
        assertThat(latest).isEqualTo(signed);
        assertThat(http.post("/api/v1/activity/checkpoints", holder, null).body()).isEqualTo(signed);
        assertThat(VerifyActivity.verify(export, List.of(latest), http.get("/api/v1/activity/keys", null).body()).toString())
                .startsWith("invalid at seq 3: ");
    }

    /** What someone with write access to the database can do, as no secret is needed: edit an entry and rehash every later one. */
    private void rewrite(String account, long seq, String action, String forged) {
        String prev = jdbc.queryForObject("SELECT hash FROM audit_entry WHERE account_id = ? AND seq = ?", String.class, account, seq - 1);
        for (String entry : jdbc.queryForList("SELECT entry FROM audit_entry WHERE account_id = ? AND seq >= ? ORDER BY seq",
                String.class, account, seq)) {
            ObjectNode node = (ObjectNode) Http.JSON.readTree(entry.replace("\"" + action + "\"", "\"" + forged + "\""));
            node.remove("hash");
            node.put("prevHash", prev);
            String hash = EntryHash.ofWithoutHash(node);
            node.put("hash", hash);
            jdbc.update("UPDATE audit_entry SET entry = ?, hash = ? WHERE account_id = ? AND seq = ?", CanonicalJson.of(node), hash,
                    account, node.path("seq").asLong());
            prev = hash;
        }
    }

    @Test
    void afterAnAuditKeyRotationBothKeysArePublishedAndOldCheckpointsStillVerify() {
        append(holder, "test.before_rotation");
        String oldCheckpoint = http.post("/api/v1/activity/checkpoints", holder, null).body();
        String oldKey = http.get("/api/v1/activity/keys", null).body().lines().findFirst().orElseThrow();

        String newKey = auditKeys.rotate();
        append(holder, "test.after_rotation");
        String newCheckpoint = http.post("/api/v1/activity/checkpoints", holder, null).body();

        assertThat(http.get("/api/v1/activity/keys", null).body().lines().toList()).contains(oldKey, newKey);
        String export = http.get("/api/v1/activity/export", holder).body();
        assertThat(VerifyActivity.verify(export, List.of(oldCheckpoint), oldKey).valid()).isTrue();
        assertThat(VerifyActivity.verify(export, List.of(newCheckpoint), newKey).valid()).isTrue();
        assertThat(VerifyActivity.verify(export, List.of(newCheckpoint), oldKey).valid()).as("a checkpoint signed by another key")
                .isFalse();
    }

    /**
     * The operator rotates the audit key with a separate process (KeyRotationCommand): what a
     * running node sees of it is the shared table changing under it. The next checkpoint this node
     * signs must be by the new key, not the one it loaded earlier.
     */
    @Test
    void aKeyRotatedByAnotherProcessSignsTheNextCheckpoint() throws Exception {
        append(holder, "test.before_rotation");
        String before = http.post("/api/v1/activity/checkpoints", holder, null).body();
        String export1 = http.get("/api/v1/activity/export", holder).body();
        String oldKey = http.get("/api/v1/activity/keys", null).body().lines().filter(key -> verifies(export1, before, key))
                .findFirst().orElseThrow();
        // Key ages are compared by created_at, which MariaDB stores to the second here: the new key is a second younger.
        Thread.sleep(1_100);

        // What the rotation command's process writes: the active key retired, a new one stored encrypted.
        Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
        SignedNote.VerifierKey newKey = SignedNote.VerifierKey.of(oldKey.split("\\+")[0], fresh.generatePublicKey().getEncoded());
        String keyId = HexFormat.of().formatHex(newKey.keyId());
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("UPDATE audit_key SET retired_at = ? WHERE retired_at IS NULL", now);
        jdbc.update("INSERT INTO audit_key (key_id, key_name, verifier_key, private_key, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)",
                keyId, newKey.name(), newKey.encoded(), keyEncryption.encrypt(fresh.getEncoded(), "audit-key:" + keyId), now);

        append(holder, "test.after_rotation");
        String after = http.post("/api/v1/activity/checkpoints", holder, null).body();

        String export = http.get("/api/v1/activity/export", holder).body();
        assertThat(verifies(export, after, newKey.encoded())).as("signed by the key the other process made active").isTrue();
        assertThat(verifies(export, after, oldKey)).as("not by the retired key").isFalse();
        assertThat(verifies(export, before, http.get("/api/v1/activity/keys", null).body())).isTrue();
    }

    private static boolean verifies(String export, String checkpoint, String key) {
        return VerifyActivity.verify(export, List.of(checkpoint), key).valid();
    }

    private int count(String account, String action) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = ?", Integer.class,
                account, action);
        return count == null ? 0 : count;
    }

    private static List<String> actions(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + "_" + n).toList();
    }

    private static List<ActivityEvent> events(String account, List<String> actions) {
        return actions.stream().map(action -> event(account, action)).toList();
    }

    private static ActivityEvent event(String account, String action) {
        return new ActivityEvent(account, system(), null, null, action, null, ActivityEvent.Outcome.SUCCESS, null, List.of(), null);
    }
}
