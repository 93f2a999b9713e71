package org.behalf.bench;

import java.util.List;

/** One named benchmark against a running server; it prepares its own data over the public API. */
interface Benchmark {

    /** A short line naming what is measured and the target on this machine. */
    String describe();

    List<Load.Result> run(Target target) throws Exception;

    /** Where the server is, and its database for benchmarks that seed data directly. */
    record Target(String baseUrl, String databaseUrl, String user, String password) {
    }
}
