package org.behalf.delegation.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a plain
 * address is a range of one. Parsed without name resolution: only literal addresses are accepted.
 */
public record IpRange(String cidr, byte[] network, int prefix) {

    public static IpRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: " + cidr);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix out of range in " + cidr);
        }
        return new IpRange(text, bytes, prefix);
    }

    public boolean contains(String address) {
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int bits = candidate.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    private static byte[] literal(String address) {
        boolean literal = address.matches("[0-9.]+") || (address.contains(":") && address.matches("[0-9A-Fa-f:.]+"));
        if (!literal) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
    }

    @Override
    public String toString() {
        return cidr;
    }
}
