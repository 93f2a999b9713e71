package org.behalf.identity.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Whether this server runs in development: an issuer on loopback, or none (the URL the server is
 * reached at, as {@code scripts/run} and the tests use); any other issuer is a deployment. The one
 * rule both the start-up secrets check (docs/security.md rule 38) and the webhook address rules
 * (rule 42: loopback receivers only in development) read.
 */
public final class Deployment {

    private Deployment() {
    }

    public static boolean development(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return true;
        }
        String host = URI.create(issuer.strip()).getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses: a name is never looked up here.
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
