package org.behalf.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IP address written as one, read strictly, and its one spelling: IPv4 as four decimal numbers
 * without leading zeros, IPv6 as RFC 5952 section 4 writes it (lower case, zeros shortened, the
 * longest run of zero groups as {@code ::}). Hand-written because {@link InetAddress} also takes
 * {@code 127.1}, {@code 2130706433} and {@code 127.000.000.001} for 127.0.0.1, spellings that let one
 * address pass a grant's range check looking like another, and writes {@code ::1} as
 * {@code 0:0:0:0:0:0:0:1}; no library on the class path does both (black-box testing, 2026-12-06).
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address's bytes (4 or 16; an IPv4-mapped IPv6 address is its IPv4 address), or empty when the text is no address. */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return Optional.empty(); // a zone ("%eth0"), brackets, spaces: not an address as such
            }
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && ipv4(text.substring(text.lastIndexOf(':') + 1)).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress()); // a colon makes it a literal: no name look-up
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /** The address's one spelling, or empty when the text is no address. */
    public static Optional<String> canonical(String text) {
        return parse(text).map(IpLiteral::text);
    }

    /** The spelling of an address of 4 or 16 bytes. */
    public static String text(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 section 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static Optional<byte[]> ipv4(String text) {
        byte[] address = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                if (text.charAt(i) < '0' || text.charAt(i) > '9' || i - start >= 3) {
                    return Optional.empty();
                }
                continue;
            }
            int length = i - start;
            if (part == 4 || length == 0 || (length > 1 && text.charAt(start) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(text, start, i, 10);
            if (value > 255) {
                return Optional.empty();
            }
            address[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? Optional.of(address) : Optional.empty();
    }
}
