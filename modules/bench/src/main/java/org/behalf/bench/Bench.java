package org.behalf.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of scripts/bench: runs the named benchmarks (all by default) and prints a table. */
public final class Bench {

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("tokens", new ClientCredentialsBench());
        BENCHMARKS.put("delegation", new DelegationBench());
        BENCHMARKS.put("activity", new ActivityBench());
        BENCHMARKS.put("search", new SearchBench());
        BENCHMARKS.put("peer", new PeerBench());
        BENCHMARKS.put("soak", new SoakBench());
        BENCHMARKS.put("webhooks", new WebhookBench());
        BENCHMARKS.put("startup", new StartupBench());
    }

    /**
     * Run only when named: the peer benchmark needs a Keycloak server, the soak takes ten minutes,
     * and the start-up benchmark starts servers of its own, with nothing else running.
     */
    private static final List<String> ON_REQUEST = List.of("peer", "soak", "startup");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String base = null;
        String db = null;
        List<String> names = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--list" -> {
                    BENCHMARKS.forEach((name, benchmark) -> System.out.printf("%-12s %s%n", name, benchmark.describe()));
                    return;
                }
                case "--base" -> base = args[++i];
                case "--db" -> db = args[++i];
                case "--quick" -> options.put("quick", "true");
                default -> {
                    if (args[i].startsWith("--") && i + 1 < args.length) {
                        options.put(args[i].substring(2), args[++i]);
                    } else {
                        names.add(args[i]);
                    }
                }
            }
        }
        if (names.contains("startup") && names.size() > 1) {
            System.err.println("startup runs on its own (scripts/bench startup): it starts and stops servers of its own");
            System.exit(2);
        }
        if (names.isEmpty()) {
            BENCHMARKS.keySet().stream().filter(name -> !ON_REQUEST.contains(name)).forEach(names::add);
        }
        Benchmark.Target target = new Benchmark.Target(base, db, env("BEHALF_DB_USER", "root"), env("BEHALF_DB_PASSWORD", ""), options);
        List<Load.Result> results = new ArrayList<>();
        for (String name : names) {
            Benchmark benchmark = BENCHMARKS.get(name);
            if (benchmark == null) {
                System.err.println("unknown benchmark " + name + "; known: " + BENCHMARKS.keySet());
                System.exit(2);
            }
            System.out.println("== " + name + ": " + benchmark.describe());
            List<Load.Result> own = benchmark.run(target);
            own.forEach(System.out::println);
            results.addAll(own);
        }
        System.out.println();
        System.out.println("Summary");
        results.forEach(System.out::println);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
