package org.behalf.agents.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Says which methods {@code /mcp} takes, POST and OPTIONS, as the API does for its paths (docs/api.md:
 * {@code OPTIONS} answers 200 with {@code Allow}, needs no token and runs nothing; RFC 9110 sections
 * 9.3.7 and 15.5.6, a 405 names what is allowed). The servlet's own answer, computed from the methods
 * the SDK's transport overrides, named GET, HEAD and TRACE too, though GET is 405 (the transport is
 * stateless: no event stream) and the container refuses TRACE. Any other method goes on with
 * {@code Allow} set, for {@link McpServlet}'s 405; TRACE never reaches a filter, and the container's
 * own answer names what {@link McpServlet} declares, the same two.
 */
final class McpMethods extends OncePerRequestFilter {

    static final String ALLOWED = "POST, OPTIONS";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, ALLOWED);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        chain.doFilter(request, response);
    }
}
