package org.behalf.bench;

import java.util.List;

import org.behalf.testing.Chaos;

/**
 * {@code scripts/cluster chaos} (docs/operations.md, "Running on a cluster"): {@link Chaos} in its
 * full form on the cluster {@code scripts/cluster up} started, whose nodes {@code scripts/cluster
 * kill} and {@code start} kill and restart. Arguments: HAProxy's URL, the Behalf nodes' URLs
 * (comma-separated), the JDBC URL, user and password of the first Galera node.
 */
public final class ClusterChaos {

    private ClusterChaos() {
    }

    public static void main(String[] args) throws Exception {
        Chaos.Faults script = new Chaos.Faults() {
            @Override
            public void kill(String kind, int node) throws Exception {
                run("kill", kind, node);
            }

            @Override
            public void start(String kind, int node) throws Exception {
                run("start", kind, node);
            }
        };
        Chaos.Result result = new Chaos(args[0], List.of(args[1].split(",")), args[2], args[3], args[4], script, Chaos.Timing.FULL,
                System.out).run();
        System.exit(result.passed() ? 0 : 1);
    }

    private static void run(String command, String kind, int node) throws Exception {
        Process process = new ProcessBuilder(System.getenv("CLUSTER_SCRIPT"), command, kind, Integer.toString(node)).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("scripts/cluster " + command + " " + kind + node + " failed");
        }
    }
}
