package org.behalf.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver that takes connections and never answers, as a dead receiver behind a load balancer
 * does: every attempt to it waits out the read timeout and holds a worker that long. It counts the
 * connections open at once, which is how many of a lane's workers its deliveries hold.
 */
public final class SilentReceiver implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final Thread acceptor;

    public SilentReceiver() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "silent-receiver-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
    }

    /** Connections open now: the workers this receiver holds. */
    public int connected() {
        return connected.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                connected.incrementAndGet();
                Thread reader = new Thread(() -> drain(connection), "silent-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads what comes and never answers, until the sender gives up and closes. */
    private void drain(Socket connection) {
        byte[] buffer = new byte[4096];
        try (InputStream in = connection.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // never answered
            }
        } catch (IOException gone) {
            // the sender closed
        } finally {
            open.remove(connection);
            connected.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
    }

    /** The connections open at once at all of {@code receivers}. */
    public static int connected(List<SilentReceiver> receivers) {
        return receivers.stream().mapToInt(SilentReceiver::connected).sum();
    }

    /** The most connections ever open at once at all of some receivers, looked at every 5 ms from {@link #start} to {@link #close}. */
    public static final class MostConnected implements AutoCloseable {

        private final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final Thread watcher;

        public MostConnected(List<SilentReceiver> receivers) {
            watcher = new Thread(() -> {
                while (watching.get()) {
                    most.accumulateAndGet(connected(receivers), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        public void start() {
            watcher.start();
        }

        public int most() {
            return most.get();
        }

        @Override
        public void close() {
            watching.set(false);
        }
    }
}
