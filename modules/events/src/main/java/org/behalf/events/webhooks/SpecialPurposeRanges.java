package org.behalf.events.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The IANA special-purpose address registries (RFC 6890; IPv4 and IPv6 Special-Purpose Address
 * Registries as of 2026) reduced to what a receiver's address needs: the blocks whose "Globally
 * Reachable" is False (or that are deprecated), where no receiver on the internet can be, and the
 * few globally reachable blocks inside them. Black-box testing on 2026-12-06 found receivers on the
 * documentation, discard, Teredo, ORCHID, benchmarking and reserved ranges accepted
 * (docs/security.md rule 42). Loopback and the blocks that carry an IPv4 address (NAT64, 6to4) are
 * judged by {@link ReceiverAddress} itself; private, shared and link-local ones are the operator's
 * to allow ({@link #operatorMayAllow}), the others never are.
 */
final class SpecialPurposeRanges {

    private SpecialPurposeRanges() {
    }

    /** A block of the registries; {@code reachable} the registry's "Globally Reachable". */
    private record Block(byte[] prefix, int bits, boolean reachable, boolean privateUse) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private static Block block(String cidr, boolean reachable, boolean privateUse) {
        String[] parts = cidr.split("/");
        try {
            // Literals only: getByName resolves nothing for them.
            return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), reachable, privateUse);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final boolean NOT_REACHABLE = false;
    private static final boolean REACHABLE = true;

    /** The most specific block containing an address decides. */
    private static final List<Block> BLOCKS = List.of(
            // IPv4
            block("0.0.0.0/8", NOT_REACHABLE, false),          // "this network", RFC 791
            block("10.0.0.0/8", NOT_REACHABLE, true),          // private use, RFC 1918
            block("100.64.0.0/10", NOT_REACHABLE, true),       // shared address space, RFC 6598
            block("169.254.0.0/16", NOT_REACHABLE, true),      // link local, RFC 3927
            block("172.16.0.0/12", NOT_REACHABLE, true),       // private use, RFC 1918
            block("192.0.0.0/24", NOT_REACHABLE, false),       // IETF protocol assignments, RFC 6890
            block("192.0.0.9/32", REACHABLE, false),           // port control protocol anycast, RFC 7723
            block("192.0.0.10/32", REACHABLE, false),          // TURN anycast, RFC 8155
            block("192.0.2.0/24", NOT_REACHABLE, false),       // documentation TEST-NET-1, RFC 5737
            block("192.88.99.0/24", NOT_REACHABLE, false),     // deprecated 6to4 relay anycast, RFC 7526
            block("192.168.0.0/16", NOT_REACHABLE, true),      // private use, RFC 1918
            block("198.18.0.0/15", NOT_REACHABLE, false),      // benchmarking, RFC 2544
            block("198.51.100.0/24", NOT_REACHABLE, false),    // documentation TEST-NET-2, RFC 5737
            block("203.0.113.0/24", NOT_REACHABLE, false),     // documentation TEST-NET-3, RFC 5737
            block("224.0.0.0/4", NOT_REACHABLE, false),        // multicast, RFC 5771
            block("240.0.0.0/4", NOT_REACHABLE, false),        // reserved, RFC 1112, and the limited broadcast 255.255.255.255
            // IPv6
            block("::/128", NOT_REACHABLE, false),             // unspecified, RFC 4291
            block("64:ff9b:1::/48", NOT_REACHABLE, false),     // local-use IPv4/IPv6 translation, RFC 8215
            block("100::/64", NOT_REACHABLE, false),           // discard-only, RFC 6666
            block("100:0:0:1::/64", NOT_REACHABLE, false),     // dummy IPv6 prefix, RFC 9780
            block("2001::/23", NOT_REACHABLE, false),          // IETF protocol assignments, RFC 2928
            block("2001::/32", NOT_REACHABLE, false),          // Teredo, RFC 4380 (carries an obfuscated IPv4 address)
            block("2001:1::1/128", REACHABLE, false),          // port control protocol anycast, RFC 7723
            block("2001:1::2/128", REACHABLE, false),          // TURN anycast, RFC 8155
            block("2001:1::3/128", REACHABLE, false),          // DNS-SD service registration protocol anycast, RFC 9665
            block("2001:2::/48", NOT_REACHABLE, false),        // benchmarking, RFC 5180
            block("2001:3::/32", REACHABLE, false),            // AMT, RFC 7450
            block("2001:4:112::/48", REACHABLE, false),        // AS112-v6, RFC 7535
            block("2001:10::/28", NOT_REACHABLE, false),       // deprecated ORCHID, RFC 4843
            block("2001:20::/28", REACHABLE, false),           // ORCHIDv2, RFC 7343
            block("2001:30::/28", REACHABLE, false),           // drone remote ID, RFC 9374
            block("2001:db8::/32", NOT_REACHABLE, false),      // documentation, RFC 3849
            block("3fff::/20", NOT_REACHABLE, false),          // documentation, RFC 9637
            block("5f00::/16", NOT_REACHABLE, false),          // segment routing (SRv6) SIDs, RFC 9602
            block("fc00::/7", NOT_REACHABLE, true),            // unique local, RFC 4193
            block("fe80::/10", NOT_REACHABLE, true),           // link local, RFC 4291
            block("fec0::/10", NOT_REACHABLE, true),           // deprecated site local, RFC 3879
            block("ff00::/8", NOT_REACHABLE, false));          // multicast, RFC 4291

    private static Block of(InetAddress address) {
        byte[] bytes = address.getAddress();
        Block found = null;
        for (Block block : BLOCKS) {
            if (block.contains(bytes) && (found == null || block.bits() > found.bits())) {
                found = block;
            }
        }
        return found;
    }

    /** In a block no receiver on the internet can be at. */
    static boolean notGloballyReachable(InetAddress address) {
        Block block = of(address);
        return block != null && !block.reachable();
    }

    /** Private, shared or link-local: what an operator may allow for a receiver inside their network. */
    static boolean operatorMayAllow(InetAddress address) {
        Block block = of(address);
        return block != null && block.privateUse();
    }
}
