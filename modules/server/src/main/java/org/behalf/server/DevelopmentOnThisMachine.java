package org.behalf.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.IdentitySettings;
import org.behalf.kernel.InvalidRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Without {@code BEHALF_ISSUER} the node is a development server (docs/security.md rule 38): it runs on
 * the published console secret, the development key-encryption key and the development mailbox, and
 * its issuer is the address each request names in its {@code Host} header. Reached at a public name,
 * anyone could take console tokens with the published secret and choose the {@code iss} of the
 * tokens and the discovery document's endpoints (black-box finding, 2026-12-07: a deployment that
 * forgot the setting started without a word and answered {@code Host: behalf.example.org}). So such a
 * node answers only requests addressed to this machine ({@code localhost}, {@code 127.0.0.1},
 * {@code [::1]}, any port); any other is answered 421 Misdirected Request (RFC 9110 section 15.5.20:
 * this server will not answer for that address) saying which setting serves it elsewhere. Health
 * probes stay open, as they reveal nothing. A configured issuer turns the filter off: that deployment
 * names its own address, and its start-up checks ({@link DeploymentSecrets}) hold.
 */
@Component
class DevelopmentOnThisMachine extends OncePerRequestFilter implements Ordered {

    static final String WORDS = "This development server answers only on this machine (localhost, 127.0.0.1 or [::1]). "
            + "Set BEHALF_ISSUER to the address it is reached at, with its own secrets, to serve it elsewhere (docs/deploy.md).";

    private final boolean development;
    private final JsonMapper json;

    DevelopmentOnThisMachine(IdentitySettings identity, JsonMapper json) {
        this.development = identity.issuer() == null;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !development || request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!onThisMachine(request.getServerName())) {
            UnreadBodies.closeAfterAnswer(request, response);
            new Misdirected().write(request, response, json);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A loopback name or literal address; a name is never looked up. */
    static boolean onThisMachine(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private static final class Misdirected extends InvalidRequest {
        Misdirected() {
            super(HttpStatus.MISDIRECTED_REQUEST, "misdirected-request", "Misdirected Request", null, WORDS);
        }
    }

    /** Once the request is named ({@link RequestIds}: its answer carries the id), before anything else of the server runs. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
