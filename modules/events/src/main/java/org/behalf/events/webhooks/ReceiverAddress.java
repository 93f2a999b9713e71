package org.behalf.events.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

import org.behalf.identity.api.Deployment;
import org.behalf.kernel.InvalidRequest;
import org.behalf.identity.api.IdentitySettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.InetAddressFilter;
import org.springframework.stereotype.Component;

/**
 * Where a webhook or a Shared Signals stream may deliver (DESIGN.md section 6; docs/security.md
 * rule 42): https only, no credentials in the address, and every address the host name resolves
 * to public: never loopback or another address of this machine's own interfaces outside development
 * ({@link Deployment#development}, where http on loopback is allowed too), never private, link-local,
 * unique-local or shared (100.64/10) unless the operator allows private receivers, and never any
 * other block the IANA registries mark not globally reachable ({@link SpecialPurposeRanges}). Checked when a subscription is made,
 * again before every attempt, and by the connection itself ({@link #connectable}), so that a name
 * re-pointed at an inside address afterwards (DNS rebinding), even between the check and the
 * connection, is refused.
 */
@Component
class ReceiverAddress {

    private final boolean development;
    private final boolean allowPrivate;
    private final OwnAddresses own;

    @Autowired
    ReceiverAddress(IdentitySettings identity, EventsSettings settings) {
        this(Deployment.development(identity.issuer()), settings.allowPrivateAddresses());
    }

    ReceiverAddress(boolean development, boolean allowPrivate) {
        this(development, allowPrivate, new OwnAddresses());
    }

    ReceiverAddress(boolean development, boolean allowPrivate, OwnAddresses own) {
        this.development = development;
        this.allowPrivate = allowPrivate;
        this.own = own;
    }

    /** The parsed address, or a 400 problem naming {@code url}, a webhook's field, saying in plain words why not. */
    URI check(String url) {
        return check("url", url);
    }

    /**
     * The same, naming {@code field} as the client sent it: a stream's address is
     * {@code delivery.endpoint_url} (SSF 1.0 section 8.1.1), and a refusal naming {@code url} pointed
     * a receiver's developer at a field they never sent (black-box testing on 2026-12-06).
     */
    URI check(String field, String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new InvalidRequest(field, "Give the web address to deliver to, at most 2000 characters.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequest(field, "That is not a web address.");
        }
        String refusal = refusal(uri);
        if (refusal != null) {
            throw new InvalidRequest(field, refusal);
        }
        return uri;
    }

    /** Why deliveries may not go to this address now, or null when they may. */
    String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "A receiver's address is a full https:// address.";
        }
        if (uri.getRawUserInfo() != null) {
            return "A receiver's address cannot carry a user name or password.";
        }
        if (uri.getRawFragment() != null) {
            return "A receiver's address cannot have a # part.";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "The host name of that address cannot be found.";
        }
        boolean loopback = true;
        for (InetAddress address : addresses) {
            loopback &= address.isLoopbackAddress();
            String refusal = refusal(address);
            if (refusal != null) {
                return refusal;
            }
        }
        if (scheme.equals("http") && !(development && loopback)) {
            return "A receiver's address must start with https:// (plain http only on this machine during development).";
        }
        return null;
    }

    /** Why deliveries may not go to this one address, or null when they may. */
    String refusal(InetAddress address) {
        // Loopback, or any other address of this machine's own interfaces (its eth0 address is this
        // machine as much as 127.0.0.1 is): allowed in development only, whatever the operator allows.
        if ((address.isLoopbackAddress() || own.contains(address)) && !development) {
            return "Events are never delivered to this machine's own addresses.";
        }
        InetAddress carried = carriedIpv4(address);
        if (carried != null) {
            return refusal(carried);
        }
        if (address.isLoopbackAddress()) {
            return null; // development
        }
        if (SpecialPurposeRanges.notGloballyReachable(address)) {
            if (allowPrivate && SpecialPurposeRanges.operatorMayAllow(address)) {
                return null;
            }
            return SpecialPurposeRanges.operatorMayAllow(address)
                    ? "Events are never delivered to private, link-local or other inside addresses."
                    : "Events are never delivered to addresses no one on the internet can be at (documentation, benchmarking, "
                    + "reserved and other special-purpose ranges).";
        }
        return null;
    }

    /**
     * The same rule for the connection itself: the receivers' HTTP client resolves the name once,
     * drops every address this refuses and connects only to what is left, so the address checked is
     * the address used (no window for DNS rebinding between the check and the connection).
     */
    InetAddressFilter connectable() {
        return InetAddressFilter.adapt(address -> refusal(address) == null);
    }

    /**
     * The IPv4 address an IPv6 one carries, which a gateway on the way delivers to: NAT64's well-known
     * prefix 64:ff9b::/96 (RFC 6052), 6to4's 2002::/16 (RFC 3056), SIIT's IPv4-translated
     * ::ffff:0:0:0/96 (RFC 2765 section 2.1, RFC 6145: black-box testing on 2026-12-07 found
     * ::ffff:0:7f00:1, ::ffff:0:a9fe:a9fe and ::ffff:0:a00:1 accepted in a deployment) and the
     * deprecated IPv4-compatible ::/96 (RFC 4291 section 2.5.5.1; not :: and ::1). Null for any other
     * address. (An IPv4-mapped address, ::ffff:0:0/96, is an IPv4 address to Java already.)
     */
    private static InetAddress carriedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address) || address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return null;
        }
        byte[] bytes = address.getAddress();
        int from;
        if (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) || startsWith(bytes, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0)) {
            from = 12;
        } else if (startsWith(bytes, 0x20, 0x02)) {
            from = 2;
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
