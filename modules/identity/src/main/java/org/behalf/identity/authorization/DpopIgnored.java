package org.behalf.identity.authorization;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request without its {@code DPoP} header. Behalf does not offer DPoP (docs/oauth.md; discovery
 * names no {@code dpop_signing_alg_values_supported}), but Spring Authorization Server checks a proof
 * whenever one is sent: a client library that adds one on its own got {@code invalid_dpop_proof}, an
 * error the server does not advertise, or a proof checked for nothing (black-box finding). An
 * authorization server that does not support DPoP ignores the header and issues a Bearer token (RFC
 * 9449 section 5), which the client sees in {@code token_type}.
 */
final class DpopIgnored extends HttpServletRequestWrapper {

    private static final String DPOP = "DPoP";

    private DpopIgnored(HttpServletRequest request) {
        super(request);
    }

    static HttpServletRequest of(HttpServletRequest request) {
        return request.getHeader(DPOP) == null ? request : new DpopIgnored(request);
    }

    @Override
    public String getHeader(String name) {
        return DPOP.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return DPOP.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(name -> !DPOP.equalsIgnoreCase(name)).toList());
    }
}
