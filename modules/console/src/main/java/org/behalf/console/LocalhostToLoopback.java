package org.behalf.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OAuth 2.1 (and Spring Authorization Server) refuses {@code localhost} in redirect URIs, only
 * loopback addresses are allowed (RFC 8252 section 8.3). A browser opening the console at
 * localhost is therefore moved to 127.0.0.1 before any session begins, so that sign-in and the
 * console's callback share one cookie.
 */
@Component
class LocalhostToLoopback extends OncePerRequestFilter implements Ordered {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"localhost".equalsIgnoreCase(request.getServerName()) || !"GET".equals(request.getMethod())
                || !(path.equals("/") || path.equals("/console") || path.startsWith("/console/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        response.sendRedirect(request.getScheme() + "://127.0.0.1:" + request.getServerPort() + request.getRequestURI()
                + (query == null ? "" : "?" + query));
    }

    @Override
    public int getOrder() {
        // Before Spring Security's filter chain (-100), which would otherwise start a session at localhost.
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}
