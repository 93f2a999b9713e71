package org.behalf.events.webhooks;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The addresses of this machine's own interfaces, every one of them and not only loopback: a receiver
 * at {@code https://<this machine's eth0 address>/} is this server (or a neighbour on it) reached
 * from inside, and black-box testing on 2026-12-06 found such a webhook accepted and delivered to
 * itself (docs/security.md rule 42). Read from the interfaces again at most every few seconds, as
 * an address may be given or taken (DHCP, a container's network) while the server runs.
 */
class OwnAddresses {

    private static final long REREAD_NANOS = 5_000_000_000L;

    private volatile Set<ByteBuffer> known = Set.of();
    private volatile long readAt;
    private volatile boolean read;

    /** One of this machine's interface addresses (compared by address alone, whatever its scope). */
    boolean contains(InetAddress address) {
        long now = System.nanoTime();
        if (!read || now - readAt > REREAD_NANOS) {
            known = interfaces();
            readAt = now;
            read = true;
        }
        return known.contains(ByteBuffer.wrap(address.getAddress()));
    }

    Set<ByteBuffer> interfaces() {
        Set<ByteBuffer> addresses = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    addresses.add(ByteBuffer.wrap(address.getAddress()));
                }
            }
        } catch (SocketException e) {
            // Cannot be read now: keep what was known, rather than let every address pass.
            return known;
        }
        return Set.copyOf(addresses);
    }
}
