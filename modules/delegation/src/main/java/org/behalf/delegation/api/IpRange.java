package org.behalf.delegation.api;

import java.util.Arrays;

import org.behalf.kernel.IpLiteral;

/**
 * An address range in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a plain
 * address is a range of one. Read strictly ({@link IpLiteral}: no name resolution, no other
 * spellings of an address) and kept in one spelling, the network's own address and its prefix
 * ({@code 203.0.113.7/24} is {@code 203.0.113.0/24}), so that the holder reads back what is checked.
 */
public record IpRange(String cidr, byte[] network, int prefix) {

    public static IpRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        byte[] bytes = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + cidr));
        int max = bytes.length * 8;
        String length = slash < 0 ? String.valueOf(max) : text.substring(slash + 1);
        if (!length.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(length) > max) {
            throw new IllegalArgumentException("not a prefix length: " + cidr);
        }
        int prefix = Integer.parseInt(length);
        byte[] network = masked(bytes, prefix);
        String address = IpLiteral.text(network);
        return new IpRange(prefix == max ? address : address + "/" + prefix, network, prefix);
    }

    /**
     * A range as stored: in its one spelling since 2026-12-06; one stored before in another spelling
     * ({@code 127.1/32}) is read as it was read then, so that its grant still loads and checks the same.
     */
    public static IpRange stored(String cidr) {
        try {
            return parse(cidr);
        } catch (IllegalArgumentException writtenBefore) {
            int slash = cidr.indexOf('/');
            try {
                byte[] bytes = java.net.InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                return new IpRange(cidr, masked(bytes, prefix), prefix);
            } catch (java.io.IOException | RuntimeException unreadable) {
                throw writtenBefore;
            }
        }
    }

    public boolean contains(String address) {
        byte[] candidate = IpLiteral.parse(address).orElse(null);
        return candidate != null && candidate.length == network.length && Arrays.equals(masked(candidate, prefix), network);
    }

    /** Whether every address of this range is in {@code other}: the same family, a prefix as long or longer, inside its network. */
    public boolean within(IpRange other) {
        return network.length == other.network.length && prefix >= other.prefix && Arrays.equals(masked(network, other.prefix), other.network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    /** Ranges are equal when they are the same range, however they were written. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.cidr.equals(cidr);
    }

    @Override
    public int hashCode() {
        return cidr.hashCode();
    }

    @Override
    public String toString() {
        return cidr;
    }
}
