package org.behalf.bench;

import java.util.List;
import java.util.Map;

/** One named benchmark against a running server; it prepares its own data over the public API. */
interface Benchmark {

    /** A short line naming what is measured and the target on this machine. */
    String describe();

    List<Load.Result> run(Target target) throws Exception;

    /**
     * Where the server is, its database for benchmarks that seed data directly, and the options given
     * after the benchmarks' names ({@code --quick}, {@code --minutes 3}, {@code --keycloak URL}, ...).
     */
    record Target(String baseUrl, String databaseUrl, String user, String password, Map<String, String> options) {

        String option(String name, String fallback) {
            return options.getOrDefault(name, fallback);
        }

        boolean quick() {
            return options.containsKey("quick");
        }
    }
}
