package org.behalf.console.calls;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The console reaches the resource API and the token endpoint of the node it runs on, over the
 * loopback interface: no proxy in between, and the same issuer for the tokens it asks for and the
 * API that checks them.
 */
public record Loopback(String baseUrl) {

    public static Loopback of(HttpServletRequest request) {
        return new Loopback("http://127.0.0.1:" + request.getLocalPort());
    }
}
