package org.behalf.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and idle memory of the embedded default, as a person trying Behalf meets them (issue 16
 * item 6): {@code scripts/run} itself, with its JVM options and class archive, on an H2 database of
 * its own in a scratch directory and a free port. The first start creates the database (migrations,
 * demo data) and, after a build, has the class archive recorded in the background once it is ready
 * (it is stopped only when that has ended); the restarts after it are the figure.
 * Each start is timed from launching the script until {@code /actuator/health/readiness} answers
 * 200, and the server's own "process running for" (the JVM's age when it was ready) is read from its
 * log; the resident memory is read from {@code /proc} 20 seconds after ready. scripts/bench starts no
 * server of its own for it, so that nothing else shares the machine.
 */
final class StartupBench implements Benchmark {

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final Duration IDLE = Duration.ofSeconds(20);
    private static final double TARGET_SECONDS = 5.0;
    private static final double TARGET_MIB = 300.0;
    /** Present while scripts/run's background start records the class archive (scripts/lib/class-archive.sh). */
    private static final Path TRAINING = Path.of("modules/server/target/class-archive/training.pid");
    private static final Duration TRAINING_WITHIN = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Override
    public String describe() {
        return "start-up of scripts/run (embedded H2, its class archive), --starts N restarts (5) after a first one; "
                + "ready within (target < 5 s) and resident memory 20 s after ready (target < 300 MiB); on request only";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        int starts = Integer.parseInt(target.option("starts", "5"));
        Path scratch = Files.createTempDirectory("behalf-startup");
        List<Start> restarts = new ArrayList<>();
        try {
            Start first = start(scratch, "first start (empty database)");
            for (int i = 1; i <= starts; i++) {
                restarts.add(start(scratch, "restart " + i + " of " + starts));
            }
            System.out.printf("first start: ready after %.2f s (the JVM's age %.2f s)%n", first.wallSeconds(), first.jvmSeconds());
        } finally {
            deleteTree(scratch);
        }
        double[] walls = restarts.stream().mapToDouble(Start::wallSeconds).sorted().toArray();
        double median = walls[walls.length / 2];
        double worst = walls[walls.length - 1];
        double jvmMedian = restarts.stream().mapToDouble(Start::jvmSeconds).sorted().toArray()[restarts.size() / 2];
        double mib = restarts.stream().mapToDouble(Start::residentMib).max().orElseThrow();
        System.out.printf("restarts: ready after %.2f s median, %.2f s at most (the JVM's age %.2f s median; target < %.0f s); "
                        + "resident memory 20 s after ready at most %.0f MiB (target < %.0f MiB): %s%n",
                median, worst, jvmMedian, TARGET_SECONDS, mib, TARGET_MIB,
                worst < TARGET_SECONDS && mib < TARGET_MIB ? "met" : "not met");
        // One line for the summary: the starts as "requests", their rate, and the start times as latencies.
        double total = java.util.Arrays.stream(walls).sum();
        return List.of(new Load.Result("start-up of scripts/run (restarts)", 1, walls.length, 0, total, walls.length / total,
                median * 1000, worst * 1000, worst * 1000));
    }

    private record Start(double wallSeconds, double jvmSeconds, double residentMib) {
    }

    private Start start(Path scratch, String name) throws Exception {
        int port = freePort();
        Path log = scratch.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder("scripts/run").redirectErrorStream(true).redirectOutput(log.toFile());
        // The default database, in the scratch directory instead of ./data.
        builder.environment().remove("BEHALF_DB_URL");
        builder.environment().put("BEHALF_DATA_DIR", scratch.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            double wall = awaitReady(process, port, launched, log);
            long readyAt = System.nanoTime();
            Matcher started = STARTED.matcher(Files.readString(log));
            double jvm = started.find() ? Double.parseDouble(started.group(2)) : Double.NaN;
            // A start after a build has the class archive recorded in the background: the time that
            // took after ready is shown, and no restart runs beside it.
            Training training = Files.exists(TRAINING) ? new Training(readyAt) : null;
            while (System.nanoTime() - readyAt < IDLE.toNanos()) {
                if (training != null) {
                    training.check();
                }
                Thread.sleep(100);
            }
            // scripts/run ends by exec'ing java: the script's process is the server's.
            double mib = residentKib(process.pid()) / 1024.0;
            System.out.printf("  %s: ready after %.2f s (the JVM's age %.2f s), %.0f MiB resident 20 s later%n", name, wall, jvm, mib);
            if (training != null) {
                System.out.printf("  class archive recorded in the background %.1f s after ready%n", training.await());
            }
            return new Start(wall, jvm, mib);
        } finally {
            // A start that failed may have left the class archive's training start running beside the script.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The class archive's training that a start set off: when it ended, in seconds after the start was ready. */
    private static final class Training {
        private final long readyAt;
        private double endedAfter = Double.NaN;

        Training(long readyAt) {
            this.readyAt = readyAt;
        }

        void check() {
            if (Double.isNaN(endedAfter) && !Files.exists(TRAINING)) {
                endedAfter = (System.nanoTime() - readyAt) / 1e9;
            }
        }

        double await() throws InterruptedException {
            long deadline = readyAt + TRAINING_WITHIN.toNanos();
            for (check(); Double.isNaN(endedAfter); check()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the class archive's training did not end within " + TRAINING_WITHIN);
                }
                Thread.sleep(100);
            }
            return endedAfter;
        }
    }

    private double awaitReady(Process process, int port, long launched, Path log) throws Exception {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = launched + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("scripts/run ended before it was ready:\n" + Files.readString(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e9;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("scripts/run was not ready within " + READY_WITHIN + ":\n" + Files.readString(log));
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no resident size for process " + pid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
