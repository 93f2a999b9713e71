package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code HEAD} exactly as the {@code GET} it asks about, without the body (RFC 9110 section
 * 9.3.2): every later step (security chains, the authorization server's endpoints, the enforcement
 * filter, the activity log, the handlers) sees a {@code GET}, so a {@code HEAD} is checked and
 * recorded as that read and can reach nothing a {@code GET} cannot. Tomcat sends no body in answer to
 * a {@code HEAD} whatever is written, since it reads the method from the request line itself.
 *
 * <p>Hand-written: before it, each of the public documents (discovery metadata, keys, the API
 * document, health) answered {@code HEAD} differently ({@code 302} to the sign-in page, {@code 403},
 * {@code 404}) because each library matches {@code GET} alone; one rule here replaces a rule in each.
 */
@Component
class HeadRequests extends OncePerRequestFilter implements Ordered {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter("HEAD".equals(request.getMethod()) ? new AsGet(request) : request, response);
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }

    /** Right after {@link CanonicalPaths}, before anything that reads the method. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
