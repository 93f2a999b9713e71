package org.behalf.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.verifier.VerifyActivity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scripts/cluster chaos} (docs/operations.md, "Running on a cluster"): a mixed load through
 * HAProxy (sign-ins, token exchanges, delegated writes, revocations) while one Galera node and then
 * one Behalf node are killed (SIGKILL, as a crash) and restarted by {@code scripts/cluster}; then
 * the checks of issue 20: every answered 2xx delegated write has exactly one activity entry (its
 * request id) and every entry's effect exists (SECURITY-CASES 31), every account's chain verifies
 * with the offline verifier, a revocation made through one node is refused at once by every other,
 * requests fail only while a killed node is being taken out, and the cluster recovers by itself.
 * Before the faults, concurrent appends to ONE account through the three nodes (each on its own
 * Galera node) must leave its chain linear; a certification conflict is answered 503 and retried
 * by the client, at most five times.
 *
 * <p>Hand-written rather than a load tool's script: the checks need each answer's request id and
 * the database's entries side by side.
 */
public final class ClusterChaos {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SCOPES = List.of("contacts:read", "contacts:write");
    /** How long after a kill a failure still counts as "in flight on the killed node" (HAProxy's check: 2 x 0.5 s, and a 3 s pool wait). */
    private static final long FAULT_WINDOW_MS = 6_000;

    private record Answer(long at, String op, int status, String requestId, String account, String contactId) {
    }

    private record Pair(Member holder, Member assistant, String[] grant, String[] token) {
    }

    private final String proxy;
    private final List<String> nodes;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<long[]> faults = new ArrayList<>();
    private final AtomicInteger revocationsChecked = new AtomicInteger();
    private final AtomicInteger revocationsLeaked = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    private ClusterChaos(String proxy, List<String> nodes, String dbUrl, String dbUser, String dbPassword) {
        this.proxy = proxy;
        this.nodes = nodes;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    public static void main(String[] args) throws Exception {
        List<String> nodes = List.of(args[1].split(","));
        ClusterChaos chaos = new ClusterChaos(args[0], nodes, args[2], args[3], args[4]);
        System.exit(chaos.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        boolean ok = concurrentAppendsToOneAccount();
        Http http = new Http(proxy);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Member holder = Members.create(proxy, "chaosh");
            Member assistant = Members.create(proxy, "chaosa");
            String grant = Delegations.activeGrant(http, holder, assistant, SCOPES);
            pairs.add(new Pair(holder, assistant, new String[] {grant}, new String[] {Delegations.delegationToken(http, grant, assistant)}));
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(pairs.size());
        long started = System.currentTimeMillis();
        for (int w = 0; w < pairs.size(); w++) {
            Pair pair = pairs.get(w);
            int worker = w;
            workers.submit(() -> load(worker, pair, stop));
        }
        Thread.sleep(10_000);
        long galeraDown = fault("galera", 2, 15_000);
        Thread.sleep(10_000);
        long behalfDown = fault("behalf", 3, 10_000);
        Thread.sleep(10_000);
        stop.set(true);
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        long ended = System.currentTimeMillis();

        List<Answer> all = new ArrayList<>(answers);
        int requests = all.size();
        int failed = 0;
        int failedInFaults = 0;
        for (Answer a : all) {
            if (a.status() >= 200 && a.status() < 300) {
                continue;
            }
            failed++;
            if (inFault(a.at())) {
                failedInFaults++;
            }
        }
        System.out.printf("load: %d requests in %.0f s through %s (%.0f/s), %d failed: %d within %d s of a kill, %d outside%n",
                requests, (ended - started) / 1000.0, proxy, requests * 1000.0 / (ended - started), failed, failedInFaults,
                FAULT_WINDOW_MS / 1000, failed - failedInFaults);
        System.out.printf("answers 503 (nothing changed, try again) retried by the client: %d%n", retried.get());
        printFailures(all, started);
        System.out.printf("galera2 killed: back in the cluster (Synced) after %.1f s; behalf3 killed: ready again after %.1f s%n",
                galeraDown / 1000.0, behalfDown / 1000.0);
        System.out.printf("revocations: %d made through one node and tried at once on the other two; %d not refused%n",
                revocationsChecked.get(), revocationsLeaked.get());
        ok &= failed == failedInFaults && revocationsLeaked.get() == 0 && revocationsChecked.get() > 0;
        ok &= effectsMatchEntries(pairs, all);
        for (Pair pair : pairs) {
            ok &= verifies(http, pair.holder());
        }
        System.out.println(ok ? "chaos: PASSED" : "chaos: FAILED");
        return ok;
    }

    /** One worker's loop: mostly delegated writes, with sign-ins, exchanges and, now and then, a revocation. */
    private void load(int worker, Pair pair, AtomicBoolean stop) {
        Http http = new Http(proxy);
        for (int i = 0; !stop.get(); i++) {
            try {
                if (i % 20 == 0) {
                    answer("sign-in", () -> {
                        Members.signIn(proxy, pair.holder().handle(), pair.holder().password(), "contacts:read");
                        return new Answer(now(), "sign-in", 200, null, null, null);
                    });
                } else if (i % 20 == 1) {
                    answer("exchange", () -> {
                        Http.Response r = http.form("/oauth2/token", Delegations.exchangeForm(pair.grant()[0], pair.assistant().accessToken()));
                        if (r.status() == 200) {
                            pair.token()[0] = r.json().path("access_token").asString();
                        }
                        return new Answer(now(), "exchange", r.status(), null, null, null);
                    });
                } else if (i % 150 == 75) {
                    revokeAndCheck(http, pair);
                } else {
                    answer("write", () -> {
                        Http.Response r = http.post("/api/v1/contacts", pair.token()[0], Map.of("name", "Chaos " + worker + "-" + now()));
                        return new Answer(now(), "write", r.status(), r.header("X-Request-Id"), pair.holder().id(),
                                r.status() == 201 || r.status() == 200 ? r.json().path("id").asString() : null);
                    });
                }
            } catch (RuntimeException e) {
                // counted by answer()
            }
        }
    }

    private interface Call {
        Answer call();
    }

    /**
     * A 503 says nothing was changed and to try again (a certification conflict on a shared row, e.g.
     * the sign-in counter of one client address, or a node being taken out): the client does, at most
     * five times, as a well-behaved client would. No answer at all (a connection dropped) is not
     * retried: the outcome of a write is then unknown.
     */
    private void answer(String op, Call call) {
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = call.call();
                if (answer.status() == 503 && attempt < 5) {
                    retried.incrementAndGet();
                    sleep(200);
                    continue;
                }
                answers.add(answer);
                return;
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains(" 503 ") && attempt < 5) {
                    retried.incrementAndGet();
                    sleep(200);
                    continue;
                }
                record(op, e);
                return;
            }
        }
    }

    private void record(String op, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        answers.add(new Answer(now(), op + " (" + rootCause(e) + ": " + message.substring(0, Math.min(160, message.length())) + ")",
                0, null, null, null));
    }

    /**
     * The holder revokes the grant through one Behalf node (not the proxy); the delegate's very next
     * request on each of the other nodes must be refused. Then a new grant, so the load goes on.
     */
    private void revokeAndCheck(Http http, Pair pair) {
        int through = (int) (now() % nodes.size());
        Http node = new Http(nodes.get(through));
        Http.Response revoked;
        try {
            revoked = node.post("/api/v1/delegations/" + pair.grant()[0] + "/revoke", pair.holder().accessToken(), null);
        } catch (RuntimeException down) {
            return; // that node is the one killed right now
        }
        if (revoked.status() != 200) {
            return;
        }
        for (int other = 0; other < nodes.size(); other++) {
            if (other == through) {
                continue;
            }
            try {
                Http.Response tried = new Http(nodes.get(other)).get("/api/v1/contacts", pair.token()[0]);
                if (tried.status() == 200) {
                    revocationsLeaked.incrementAndGet();
                    System.out.println("LEAK: grant revoked on node " + (through + 1) + " still served by node " + (other + 1));
                }
                if (tried.status() == 200 || tried.status() == 401 || tried.status() == 403) {
                    revocationsChecked.incrementAndGet();
                }
            } catch (RuntimeException down) {
                // a killed node refuses nothing; the others are what is checked
            }
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                String grant = Delegations.activeGrant(http, pair.holder(), pair.assistant(), SCOPES);
                pair.grant()[0] = grant;
                pair.token()[0] = Delegations.delegationToken(http, grant, pair.assistant());
                return;
            } catch (RuntimeException retry) {
                sleep(500);
            }
        }
    }

    /** Kills a node, restarts it through scripts/cluster (which waits until it is back), answers how long it took. */
    private long fault(String kind, int node, long downFor) throws Exception {
        long at = now();
        System.out.printf("t=%s: killing %s%d%n", at, kind, node);
        script("kill", kind, node);
        synchronized (faults) {
            faults.add(new long[] {at, at + FAULT_WINDOW_MS});
        }
        Thread.sleep(downFor);
        long restart = now();
        synchronized (faults) {
            // A node coming back may refuse its first requests until HAProxy's check marks it up.
            faults.add(new long[] {restart, restart + FAULT_WINDOW_MS});
        }
        script("start", kind, node);
        long back = now() - restart;
        synchronized (faults) {
            faults.add(new long[] {now(), now() + FAULT_WINDOW_MS});
        }
        return back;
    }

    private boolean inFault(long at) {
        synchronized (faults) {
            return faults.stream().anyMatch(f -> at >= f[0] && at <= f[1]);
        }
    }

    private static void script(String command, String kind, int node) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(System.getenv("CLUSTER_SCRIPT"), command, kind, Integer.toString(node)).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("scripts/cluster " + command + " " + kind + node + " failed");
        }
    }

    private void printFailures(List<Answer> all, long started) {
        synchronized (faults) {
            faults.forEach(f -> System.out.printf("  fault window: t=%.1f s to %.1f s%n", (f[0] - started) / 1000.0, (f[1] - started) / 1000.0));
        }
        for (Answer a : all) {
            if (a.status() < 200 || a.status() >= 300) {
                System.out.printf("  failed at t=%.1f s (%s): %s -> %s%n", (a.at() - started) / 1000.0,
                        inFault(a.at()) ? "during a fault" : "OUTSIDE the faults", a.op(), a.status() == 0 ? "no answer" : a.status());
            }
        }
    }

    /**
     * SECURITY-CASES 31, counted: every 2xx delegated write has exactly one SUCCESS entry carrying its
     * request id, every SUCCESS contact.create entry's contact exists, and the contacts equal the entries.
     */
    private boolean effectsMatchEntries(List<Pair> pairs, List<Answer> all) throws SQLException {
        Map<String, Answer> answered = new HashMap<>();
        for (Answer a : all) {
            if ("write".equals(a.op()) && a.status() / 100 == 2) {
                answered.put(a.requestId(), a);
            }
        }
        int entries = 0;
        int unanswered = 0;
        int duplicates = 0;
        int missingEffects = 0;
        int contacts = 0;
        Set<String> seen = new HashSet<>();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            for (Pair pair : pairs) {
                String account = pair.holder().id();
                Set<String> contactIds = new HashSet<>();
                try (PreparedStatement q = db.prepareStatement("SELECT id FROM network_contact WHERE owner_id = ?")) {
                    q.setString(1, account);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            contactIds.add(rs.getString(1));
                        }
                    }
                }
                contacts += contactIds.size();
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT entry FROM audit_entry WHERE account_id = ? AND action = 'contact.create' AND outcome = 'SUCCESS'")) {
                    q.setString(1, account);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            JsonNode entry = JSON.readTree(rs.getString(1));
                            entries++;
                            String requestId = entry.path("requestId").asString();
                            if (!seen.add(requestId)) {
                                duplicates++;
                            }
                            if (!answered.containsKey(requestId)) {
                                unanswered++;
                            }
                            if (!contactIds.contains(entry.path("target").path("id").asString())) {
                                missingEffects++;
                            }
                        }
                    }
                }
            }
        }
        int answeredWithoutEntry = 0;
        for (String requestId : answered.keySet()) {
            if (!seen.contains(requestId)) {
                answeredWithoutEntry++;
            }
        }
        System.out.printf("effects: %d delegated writes answered 2xx, %d contact.create entries, %d contacts; "
                        + "answered without an entry %d, entries twice %d, entries without their contact %d, "
                        + "entries committed whose answer was lost (in flight on a killed node) %d%n",
                answered.size(), entries, contacts, answeredWithoutEntry, duplicates, missingEffects, unanswered);
        return answeredWithoutEntry == 0 && duplicates == 0 && missingEffects == 0 && entries == contacts;
    }

    /** The holder's whole log, exported and checked by the offline verifier against a fresh checkpoint. */
    private static boolean verifies(Http http, Member holder) throws IOException {
        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        String checkpoint = http.post("/api/v1/activity/checkpoints", holder.accessToken(), null).body();
        String keys = http.get("/api/v1/activity/keys", holder.accessToken()).body();
        VerifyActivity.Result result = VerifyActivity.verify(new BufferedReader(new StringReader(export)), List.of(checkpoint), keys);
        System.out.println("chain of " + holder.handle() + ": " + result);
        return result.valid();
    }

    /**
     * Three writers append to ONE account at once, each through a different Behalf node on a different
     * Galera node: the chain must come out linear (1..N, verified), each 2xx with exactly one entry.
     */
    private boolean concurrentAppendsToOneAccount() throws Exception {
        Http http = new Http(proxy);
        Member holder = Members.create(proxy, "conch");
        Member assistant = Members.create(proxy, "conca");
        String grant = Delegations.activeGrant(http, holder, assistant, SCOPES);
        String token = Delegations.delegationToken(http, grant, assistant);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger givenUp = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(nodes.size() * 2);
        for (int w = 0; w < nodes.size() * 2; w++) {
            Http node = new Http(nodes.get(w % nodes.size()));
            writers.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    for (int attempt = 1; ; attempt++) {
                        Http.Response r = node.post("/api/v1/contacts", token, Map.of("name", "Concurrent " + i));
                        if (r.status() / 100 == 2) {
                            done.incrementAndGet();
                            break;
                        }
                        conflicts.incrementAndGet();
                        if (attempt == 5) {
                            givenUp.incrementAndGet();
                            break;
                        }
                    }
                }
            });
        }
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.MINUTES);
        long entries;
        long maxSeq;
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
             PreparedStatement q = db.prepareStatement("SELECT COUNT(*), MAX(seq) FROM audit_entry WHERE account_id = ?")) {
            q.setString(1, holder.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                entries = rs.getLong(1);
                maxSeq = rs.getLong(2);
            }
        }
        System.out.printf("concurrent appends to one account through %d nodes: %d written, %d answers 503 retried (conflicts), "
                + "%d given up after 5 tries; %d entries, highest seq %d%n", nodes.size(), done.get(), conflicts.get(), givenUp.get(),
                entries, maxSeq);
        return entries == maxSeq && verifies(http, holder);
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
