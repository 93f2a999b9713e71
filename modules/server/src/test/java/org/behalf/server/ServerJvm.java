package org.behalf.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Behalf server in a JVM of its own, for the tests that need one beside their own (a cluster node
 * stopped and restarted, a start from the ahead-of-time bean plan): its command line, free ports for
 * it, and the end of its log when it fails.
 */
public final class ServerJvm {

    private ServerJvm() {
    }

    /**
     * This JVM's java with a small server's options and the given ones, the class path, this test
     * JVM's configuration folder, and the main class; the server's arguments go after it.
     */
    public static List<String> command(String classPath, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath));
        String config = System.getProperty("spring.config.additional-location");
        if (config != null) {
            command.add("-Dspring.config.additional-location=" + config);
        }
        command.add(BehalfApplication.class.getName());
        return command;
    }

    /** Ports free on loopback now, all different: each held open until the last is found. */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return IntStream.range(0, count).mapToObj(i -> sockets.get(i).getLocalPort()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            sockets.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket of our own
                }
            });
        }
    }

    /** The last lines of a server's log, for the message of a test that gave up on it. */
    public static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
