package org.behalf.testing;

import java.io.PrintStream;
import java.time.Duration;
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

import org.behalf.testing.Members.Member;
import org.behalf.auditformat.VerifyActivity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults under load on a cluster (issue 20 item 5; docs/operations.md, "Running on a cluster"), for
 * {@code scripts/cluster chaos} (the bench's {@code ClusterChaos}) and, shorter, the test suite's
 * {@code ClusterChaosTest}: a mixed load through the load balancer (sign-ins, token exchanges,
 * delegated writes, revocations) while one Galera node and then one Behalf node are killed (SIGKILL,
 * as a crash) and restarted by the caller's {@link Faults}; then the checks: every answered 2xx
 * delegated write has exactly one activity entry (its request id) and every entry's effect exists
 * (SECURITY-CASES 31), every account's chain verifies with the offline verifier, a revocation made
 * through one node is refused at once by every other, requests fail only while a killed node is
 * being taken out, and the cluster recovers by itself. Before the faults, concurrent appends to ONE
 * account through every node (each on its own Galera node) must all be answered 2xx, the server
 * running again those that met a certification conflict, and leave its chain linear.
 *
 * <p>Hand-written rather than a load tool's script: the checks need each answer's request id and
 * the database's entries side by side.
 */
public final class Chaos {

    // A mapper of its own: the chaos driver is a client of the cluster, outside any Spring context.
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SCOPES = List.of("contacts:read", "contacts:write");
    /** How long after a kill a failure still counts as "in flight on the killed node" (HAProxy's check: 2 x 0.5 s, and a 3 s pool wait). */
    private static final long FAULT_WINDOW_MS = 6_000;

    /** Kills (SIGKILL) and restarts the cluster's processes; {@code start} returns once the node is back. */
    public interface Faults {
        void kill(String kind, int node) throws Exception;

        void start(String kind, int node) throws Exception;
    }

    /**
     * How long each phase lasts: load before the first fault, a Galera node down, between the faults,
     * a Behalf node down, load after; how many pairs work at once, and the appends of each of the
     * concurrent writers to one account.
     */
    public record Timing(Duration before, Duration galeraDown, Duration between, Duration behalfDown, Duration after, int pairs,
                         int appendsPerWriter) {
        /** scripts/cluster chaos. */
        public static final Timing FULL = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 6, 25);
        /** The test suite's form: every fault and every check, in seconds rather than minutes. */
        public static final Timing SHORT = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ZERO, Duration.ofSeconds(3), 3, 8);
    }

    /** What a run found; {@link #passed()} is every check at once. */
    public record Result(int appendsAnswered2xx, int appendsRefused, boolean appendsChainLinear, int requests, int failed,
                         List<String> failuresOutsideFaults, int revocationsChecked, int revocationsLeaked,
                         boolean effectsMatchEntries, boolean chainsVerify) {
        /**
         * The server re-runs a request that lost a conflict only within a bound (docs/operations.md),
         * so under this deliberate contention an append may still be answered 503 with Retry-After,
         * having changed nothing; that must stay rare: at most one in twenty.
         */
        public boolean appendsMostlyAnswered() {
            return appendsRefused * 20 <= appendsAnswered2xx + appendsRefused;
        }

        public boolean passed() {
            return appendsMostlyAnswered() && appendsChainLinear && failuresOutsideFaults.isEmpty() && revocationsLeaked == 0
                    && revocationsChecked > 0 && effectsMatchEntries && chainsVerify;
        }
    }

    /** A request's outcome: {@code began} when its first attempt was sent, {@code at} when its last was answered. */
    private record Answer(long began, long at, String op, int status, String requestId, String account, String contactId) {
        Answer(long at, String op, int status, String requestId, String account, String contactId) {
            this(at, at, op, status, requestId, account, contactId);
        }

        Answer since(long first) {
            return new Answer(first, at, op, status, requestId, account, contactId);
        }
    }

    private record Pair(Member holder, Member assistant, String[] grant, String[] token) {
    }

    private final String proxy;
    private final List<String> nodes;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Faults faulty;
    private final Timing timing;
    private final PrintStream out;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<long[]> faults = new ArrayList<>();
    private final AtomicInteger revocationsChecked = new AtomicInteger();
    private final AtomicInteger revocationsLeaked = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    /**
     * {@code proxy} is the load balancer's URL, {@code nodes} each Behalf node's own (node n on Galera
     * node n); the database is read directly for the checks.
     */
    public Chaos(String proxy, List<String> nodes, String dbUrl, String dbUser, String dbPassword, Faults faults, Timing timing,
                 PrintStream out) {
        this.proxy = proxy;
        this.nodes = nodes;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.faulty = faults;
        this.timing = timing;
        this.out = out;
    }

    public Result run() throws Exception {
        int[] appends = concurrentAppendsToOneAccount();
        Http http = new Http(proxy);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < timing.pairs(); i++) {
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
        Thread.sleep(timing.before().toMillis());
        long galeraDown = fault("galera", 2, timing.galeraDown());
        Thread.sleep(timing.between().toMillis());
        long behalfDown = fault("behalf", 3, timing.behalfDown());
        Thread.sleep(timing.after().toMillis());
        stop.set(true);
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        long ended = System.currentTimeMillis();

        List<Answer> all = new ArrayList<>(answers);
        int requests = all.size();
        List<Answer> failures = all.stream().filter(a -> a.status() < 200 || a.status() >= 300).toList();
        List<Answer> outside = failures.stream().filter(a -> !inFault(a)).toList();
        out.printf("load: %d requests in %.0f s through %s (%.0f/s), %d failed: %d within %d s of a kill, %d outside%n",
                requests, (ended - started) / 1000.0, proxy, requests * 1000.0 / (ended - started), failures.size(),
                failures.size() - outside.size(), FAULT_WINDOW_MS / 1000, outside.size());
        out.printf("answers 503 (nothing changed, try again) retried by the client: %d%n", retried.get());
        List<String> failuresOutsideFaults = printFailures(failures, outside, started);
        out.printf("galera2 killed: back in the cluster (Synced) after %.1f s; behalf3 killed: ready again after %.1f s%n",
                galeraDown / 1000.0, behalfDown / 1000.0);
        out.printf("revocations: %d made through one node and tried at once on the other two; %d not refused%n",
                revocationsChecked.get(), revocationsLeaked.get());
        boolean effectsMatchEntries = effectsMatchEntries(pairs, all);
        boolean chainsVerify = true;
        for (Pair pair : pairs) {
            chainsVerify &= verifies(http, pair.holder());
        }
        Result result = new Result(appends[0], appends[1], appends[2] == 1, requests, failures.size(), failuresOutsideFaults,
                revocationsChecked.get(), revocationsLeaked.get(), effectsMatchEntries, chainsVerify);
        out.println(result.passed() ? "chaos: PASSED" : "chaos: FAILED");
        return result;
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
                        return new Answer(now(), "exchange" + problem(r), r.status(), null, null, null);
                    });
                } else if (i % 150 == 75) {
                    revokeAndCheck(http, pair);
                } else {
                    answer("write", () -> {
                        Http.Response r = http.post("/api/v1/contacts", pair.token()[0], Map.of("name", "Chaos " + worker + "-" + now()));
                        return new Answer(now(), "write" + problem(r), r.status(), r.header("X-Request-Id"), pair.holder().id(),
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
        long began = now();
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = call.call();
                if (answer.status() == 503 && attempt < 5) {
                    retried.incrementAndGet();
                    sleep(200);
                    continue;
                }
                answers.add(answer.since(began));
                return;
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains(" 503 ") && attempt < 5) {
                    retried.incrementAndGet();
                    sleep(200);
                    continue;
                }
                record(op, e, began);
                return;
            }
        }
    }

    private void record(String op, RuntimeException e, long began) {
        String message = String.valueOf(e.getMessage());
        answers.add(new Answer(now(), op + " (" + rootCause(e) + ": " + message.substring(0, Math.min(160, message.length())) + ")",
                0, null, null, null).since(began));
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
                    out.println("LEAK: grant revoked on node " + (through + 1) + " still served by node " + (other + 1));
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

    /** Kills a node, restarts it (the caller's Faults wait until it is back), answers how long it took. */
    private long fault(String kind, int node, Duration downFor) throws Exception {
        long at = now();
        out.printf("t=%s: killing %s%d%n", at, kind, node);
        faulty.kill(kind, node);
        synchronized (faults) {
            faults.add(new long[] {at, at + FAULT_WINDOW_MS});
        }
        Thread.sleep(downFor.toMillis());
        long restart = now();
        synchronized (faults) {
            // A node coming back may refuse its first requests until HAProxy's check marks it up.
            faults.add(new long[] {restart, restart + FAULT_WINDOW_MS});
        }
        faulty.start(kind, node);
        long back = now() - restart;
        synchronized (faults) {
            faults.add(new long[] {now(), now() + FAULT_WINDOW_MS});
        }
        return back;
    }

    /**
     * Whether the request was in flight during a fault's window: it may have begun inside one and
     * been answered after it, its 503s retried past the window's end.
     */
    private boolean inFault(Answer a) {
        synchronized (faults) {
            return faults.stream().anyMatch(f -> a.began() <= f[1] && a.at() >= f[0]);
        }
    }

    /** Prints the fault windows and every failure; answers those outside the windows, as printed, for the caller's report. */
    private List<String> printFailures(List<Answer> failures, List<Answer> outside, long started) {
        synchronized (faults) {
            faults.forEach(f -> out.printf("  fault window: t=%.1f s to %.1f s%n", (f[0] - started) / 1000.0, (f[1] - started) / 1000.0));
        }
        List<String> report = new ArrayList<>();
        for (Answer a : failures) {
            boolean unexplained = outside.contains(a);
            String line = String.format("failed at t=%.1f s, sent at t=%.1f s (%s): %s -> %s%s", (a.at() - started) / 1000.0,
                    (a.began() - started) / 1000.0, unexplained ? "OUTSIDE the faults" : "during a fault", a.op(),
                    a.status() == 0 ? "no answer" : a.status(), a.requestId() == null ? "" : " (request " + a.requestId() + ")");
            out.println("  " + line);
            if (unexplained) {
                report.add(line);
            }
        }
        return report;
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
        out.printf("effects: %d delegated writes answered 2xx, %d contact.create entries, %d contacts; "
                        + "answered without an entry %d, entries twice %d, entries without their contact %d, "
                        + "entries committed whose answer was lost (in flight on a killed node) %d%n",
                answered.size(), entries, contacts, answeredWithoutEntry, duplicates, missingEffects, unanswered);
        return answeredWithoutEntry == 0 && duplicates == 0 && missingEffects == 0 && entries == contacts;
    }

    /** The holder's whole log, exported and checked by the offline verifier against a fresh checkpoint. */
    private boolean verifies(Http http, Member holder) {
        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        String checkpoint = http.post("/api/v1/activity/checkpoints", holder.accessToken(), null).body();
        String keys = http.get("/api/v1/activity/keys", holder.accessToken()).body();
        VerifyActivity.Result result = VerifyActivity.verify(export, List.of(checkpoint), keys);
        out.println("chain of " + holder.handle() + ": " + result);
        return result.valid();
    }

    /**
     * Two writers per node append to ONE account at once, each node on its own Galera node: their
     * appends meet certification conflicts, which the server runs again within its bound (the
     * client does not retry here). Every write is answered 2xx with one entry, or (past the server's
     * bound) 503 with Retry-After and no trace; the chain comes out linear (1..N) and verifies.
     * Answers: written, refused with 503 and Retry-After, chain linear (1 or 0); any other answer
     * counts against linearity.
     */
    private int[] concurrentAppendsToOneAccount() throws Exception {
        Http http = new Http(proxy);
        Member holder = Members.create(proxy, "conch");
        Member assistant = Members.create(proxy, "conca");
        String grant = Delegations.activeGrant(http, holder, assistant, SCOPES);
        String token = Delegations.delegationToken(http, grant, assistant);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger otherwise = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(nodes.size() * 2);
        for (int w = 0; w < nodes.size() * 2; w++) {
            Http node = new Http(nodes.get(w % nodes.size()));
            writers.submit(() -> {
                for (int i = 0; i < timing.appendsPerWriter(); i++) {
                    Http.Response r = node.post("/api/v1/contacts", token, Map.of("name", "Concurrent " + i));
                    (r.status() / 100 == 2 ? done : r.status() == 503 && r.header("Retry-After") != null ? refused : otherwise)
                            .incrementAndGet();
                }
            });
        }
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.MINUTES);
        long all;
        long created;
        long maxSeq;
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
             PreparedStatement q = db.prepareStatement("SELECT COUNT(*), MAX(seq), SUM(action = 'contact.create' AND outcome = 'SUCCESS') FROM audit_entry "
                     + "WHERE account_id = ?")) {
            q.setString(1, holder.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                all = rs.getLong(1);
                maxSeq = rs.getLong(2);
                created = rs.getLong(3);
            }
        }
        out.printf("concurrent appends to one account through %d nodes: %d answered 2xx, %d refused (503 past the server's bound); "
                + "%d contact.create entries; %d entries, highest seq %d%n", nodes.size(), done.get(), refused.get(), created, all, maxSeq);
        if (otherwise.get() > 0) {
            out.printf("%d appends answered neither 2xx nor 503 with Retry-After%n", otherwise.get());
        }
        boolean linear = otherwise.get() == 0 && all == maxSeq && created == done.get() && verifies(http, holder);
        return new int[] {done.get(), refused.get(), linear ? 1 : 0};
    }

    /** A refusal's problem title and detail, to say in the report why a request failed. */
    private static String problem(Http.Response r) {
        if (r.status() / 100 == 2) {
            return "";
        }
        String body = String.valueOf(r.body()).replaceAll("\\s+", " ");
        return " (" + body.substring(0, Math.min(200, body.length())) + ")";
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
