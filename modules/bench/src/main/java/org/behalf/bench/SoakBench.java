package org.behalf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;

/**
 * A mixed load for a long time (issue 16 item 5): each worker is a holder and a helper with a grant
 * between them, and loops over reads, delegated writes, token exchanges, userinfo, revocations (after
 * which the revoked token must be refused) and, every minute, fresh sign-ins of both. Per minute it
 * prints requests, errors (the target is none), throughput, and for each server process named by
 * {@code --pids} its heap after a full GC and its resident memory: all of them should stay flat.
 *
 * <p>{@code --url} (in scripts/bench) points it at any running deployment, for instance a cluster
 * behind a load balancer; it needs only the public API (it signs its members up), so that
 * deployment must allow {@code 2 x workers} sign-ups from this address. The minutes' figures come
 * from the load generator's own clock, and a request counts once whatever it did.
 */
final class SoakBench implements Benchmark {

    private static final List<String> SCOPES = List.of("profile:read", "profile:write");
    private static final String HOLDER_SCOPES = "openid profile:read profile:write delegation:manage";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    @Override
    public String describe() {
        return "mixed load (sign-ins, exchanges, delegated writes, reads, revocations) for --minutes N (10), "
                + "--workers W (8); per minute requests, errors (target 0), throughput, heap after GC and RSS "
                + "(flat); on request only";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        int minutes = Integer.parseInt(target.option("minutes", "10"));
        int workers = Integer.parseInt(target.option("workers", "8"));
        List<Long> pids = new ArrayList<>();
        for (String pid : target.option("pids", "").split("[, ]+")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
        List<Worker> all = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            all.add(prepared(target.baseUrl()));
        }
        AtomicLong requests = new AtomicLong();
        Errors errors = new Errors();
        long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : all) {
            Thread thread = new Thread(() -> worker.loop(end, requests, errors), "soak-worker");
            thread.start();
            threads.add(thread);
        }
        System.out.printf("%-8s %6s %9s %7s %9s %s%n", "time", "minute", "requests", "errors", "per s",
                "per server: heap after GC / RSS (MiB)");
        long totalRequests = 0;
        long totalErrors = 0;
        List<Double> rates = new ArrayList<>();
        for (int minute = 1; minute <= minutes; minute++) {
            long started = System.nanoTime();
            long minuteEnd = Math.min(end, started + Duration.ofMinutes(1).toNanos());
            while (System.nanoTime() < minuteEnd) {
                Thread.sleep(Math.max(1, Math.min(1_000, (minuteEnd - System.nanoTime()) / 1_000_000)));
            }
            long n = requests.getAndSet(0);
            Map<String, Long> kinds = errors.drain();
            long e = kinds.values().stream().mapToLong(Long::longValue).sum();
            double seconds = (System.nanoTime() - started) / 1e9;
            totalRequests += n;
            totalErrors += e;
            rates.add(n / seconds);
            StringBuilder memory = new StringBuilder();
            for (long pid : pids) {
                memory.append(String.format("  %d: %s / %s", pid, heapAfterGc(pid), rss(pid)));
            }
            System.out.printf("%-8s %6d %9d %7d %9.1f%s%n", LocalTime.now().withNano(0), minute, n, e, n / seconds, memory);
            if (e > 0) {
                System.out.println("         errors: " + kinds);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double first = rates.get(0);
        double last = rates.get(rates.size() - 1);
        System.out.printf("total %d requests, %d errors; throughput first minute %.1f/s, last %.1f/s%n",
                totalRequests, totalErrors, first, last);
        return List.of(new Load.Result("soak (mixed)", workers, totalRequests, totalErrors, minutes * 60.0,
                totalRequests / (minutes * 60.0), Double.NaN, Double.NaN, Double.NaN));
    }

    /** A worker's members and grant; set-up is retried twice (a busy machine once refused a connection). */
    private static Worker prepared(String base) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Worker(base);
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("set-up failed (" + e.getMessage() + "); trying again");
                Thread.sleep(1_000);
            }
        }
    }

    /** Heap in use right after a full collection, from the JDK's jcmd (the server's JVM must be this user's). */
    private static String heapAfterGc(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            Matcher used = HEAP_USED.matcher(run("jcmd", Long.toString(pid), "GC.heap_info"));
            return used.find() ? String.format("%.0f", Long.parseLong(used.group(1)) / 1024.0) : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static String rss(long pid) {
        try {
            Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return rss.find() ? String.format("%.0f", Long.parseLong(rss.group(1)) / 1024.0) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    /** A holder and a helper with a grant between them, and the tokens they currently use. */
    private static final class Worker {

        private static final Duration SIGN_IN_EVERY = Duration.ofMinutes(1);

        private final String base;
        private final Http http;
        private final Members.Member holder;
        private final Members.Member helper;
        private String grant;
        private String holderToken;
        private String helperToken;
        private String delegationToken;
        private long signedIn;

        Worker(String base) {
            this.base = base;
            this.http = new Http(base);
            this.holder = Members.create(base, "soakh", HOLDER_SCOPES);
            this.helper = Members.create(base, "soakd");
            this.grant = Delegations.activeGrant(http, holder, helper, SCOPES);
            this.holderToken = holder.accessToken();
            this.helperToken = helper.accessToken();
            this.signedIn = System.nanoTime();
        }

        void loop(long end, AtomicLong requests, Errors errors) {
            while (System.nanoTime() < end) {
                int requestsMade;
                String failed;
                try {
                    if (System.nanoTime() - signedIn > SIGN_IN_EVERY.toNanos()) {
                        holderToken = Members.signIn(base, holder.handle(), holder.password(), HOLDER_SCOPES).path("access_token").asString();
                        helperToken = Members.signIn(base, helper.handle(), helper.password(), Members.MEMBER_SCOPES)
                                .path("access_token").asString();
                        delegationToken = null;
                        signedIn = System.nanoTime();
                        // each sign-in is several requests (authorize, form, consent, token); counted as one
                        requestsMade = 2;
                        failed = holderToken != null && !holderToken.isEmpty() && helperToken != null && !helperToken.isEmpty()
                                ? null : "sign-in";
                    } else {
                        requestsMade = 1;
                        failed = step();
                        if (failed == null && grant != null && delegationToken == null) {
                            requestsMade++;
                            failed = exchange();
                        }
                    }
                } catch (RuntimeException e) {
                    requestsMade = 1;
                    String message = String.valueOf(e.getMessage());
                    failed = e.getClass().getSimpleName() + ": " + message.substring(0, Math.min(160, message.length()));
                }
                requests.addAndGet(requestsMade);
                if (failed != null) {
                    errors.add(failed);
                }
            }
        }

        /** One request of the mix: 40% reads, 25% delegated writes, 15% exchanges, 19% userinfo, 1% grant revocations. */
        private String step() {
            int roll = ThreadLocalRandom.current().nextInt(100);
            if (roll < 40) {
                return expect("read", http.get("/api/v1/profile", holderToken), 200);
            }
            if (grant == null) {
                return newGrant();
            }
            if (delegationToken == null) {
                return exchange();
            }
            if (roll < 65) {
                return expect("delegated write", http.patch("/api/v1/profile", delegationToken, Map.of("headline", "Soak " + roll)), 200);
            }
            if (roll < 80) {
                return exchange();
            }
            if (roll < 99) {
                return expect("userinfo", http.get("/userinfo", holderToken), 200);
            }
            // The holder revokes the grant: the helper's delegation token must then be refused (at
            // once on this node, within the documented bound on another: docs/security.md rule 44),
            // and the pair starts over with a new grant.
            String revoked = delegationToken;
            delegationToken = null;
            int revoke = http.post("/api/v1/delegations/" + grant + "/revoke", holderToken, null).status();
            String failed = revoke / 100 != 2 ? "revoke: " + revoke : refusedSoon(revoked);
            grant = null;
            return failed != null ? failed : newGrant();
        }

        /** Null once the revoked token is refused, else what it was still answered after 0.6 s. */
        private String refusedSoon(String revoked) {
            long deadline = System.nanoTime() + Duration.ofMillis(600).toNanos();
            while (true) {
                // A token of a revoked grant is refused with 403 and the reason (the token itself is
                // sound; its grant is not: DelegationTest); 401 once the token is gone as well.
                int status = http.get("/api/v1/profile", revoked).status();
                if (status == 401 || status == 403) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    return "revoked token still answered " + status + " after 0.6 s";
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }

        /** A new grant for the pair; while there is none, every step tries again to make one. */
        private String newGrant() {
            grant = Delegations.activeGrant(http, new Members.Member(holder.id(), holder.handle(), holder.email(),
                    holder.password(), holderToken, null), new Members.Member(helper.id(), helper.handle(), helper.email(),
                    helper.password(), helperToken, null), SCOPES);
            return null;
        }

        private String exchange() {
            Http.Response response = http.form("/oauth2/token", Delegations.exchangeForm(grant, helperToken));
            if (response.status() != 200) {
                return "exchange: " + response.status();
            }
            delegationToken = response.json().path("access_token").asString();
            return null;
        }

        private static String expect(String what, Http.Response response, int status) {
            return response.status() == status ? null : what + ": " + response.status();
        }
    }

    /** Failed requests by what was asked and what came back, so that a minute's errors can be told apart. */
    private static final class Errors {

        private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

        void add(String kind) {
            byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        /** This minute's counts by kind, and starts the next minute from none. */
        Map<String, Long> drain() {
            Map<String, Long> counts = new TreeMap<>();
            byKind.forEach((kind, n) -> {
                long count = n.sumThenReset();
                if (count > 0) {
                    counts.put(kind, count);
                }
            });
            return counts;
        }
    }
}
