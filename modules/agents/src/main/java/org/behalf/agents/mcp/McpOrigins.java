package org.behalf.agents.mcp;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.IdentitySettings;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ProblemAnswer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request to {@code /mcp} sent by a web page of another site: one whose {@code Origin} header
 * is present and not the server's own origin (MCP 2025-06-18 and later, "Transports", Streamable HTTP,
 * "Security Warning": servers MUST validate {@code Origin} on every incoming connection, against DNS
 * rebinding, and answer one that is not allowed 403; docs/security.md rule 43). A request without
 * {@code Origin}, which is what an MCP client sends, goes on: browsers set the header, programs do not.
 * Black-box finding, 2026-12-07, agents 5: any origin was served.
 *
 * <p>The server's own origin is its issuer's (RFC 6454 section 6.2: scheme, host and port, the default
 * port left out), never the request's {@code Host}: a page that rebinds its own name to the server sends
 * its own name as both, so comparing the two would let it through. A development server (no issuer)
 * takes its address from the request, but answers only this machine's names (docs/security.md rule 38),
 * so a rebound name has been refused before. There is no list of other allowed origins: the server
 * answers no CORS, so no page of another origin could read an answer even if its request were taken.
 *
 * <p>A delegate's request so refused is one entry in the holder's log, denied, with the words answered
 * ({@link ToolCalls#recordRefused}), as the server's other refusals of a delegate's message are. Why a
 * filter of its own rather than the SDK transport's {@code securityValidator}: that runs only for POST,
 * after the body is read and Behalf's own checks, reads the first {@code Origin} line alone, and answers
 * with the container's error page; this runs first, for every method.
 */
final class McpOrigins extends OncePerRequestFilter {

    private final IdentitySettings settings;
    private final Callers callers;
    private final ToolCalls calls;
    private final JsonMapper json;

    McpOrigins(IdentitySettings settings, Callers callers, ToolCalls calls, JsonMapper json) {
        this.settings = settings;
        this.callers = callers;
        this.calls = calls;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> origins = Collections.list(request.getHeaders(HttpHeaders.ORIGIN));
        String own = origins.isEmpty() ? null : origin(settings.issuer(request));
        // Every line: one of them not the server's is a page of another site (the SDK's check read the first alone).
        if (origins.stream().allMatch(origin -> origin.strip().equalsIgnoreCase(own))) {
            chain.doFilter(request, response);
            return;
        }
        String words = "This server takes no requests from web pages of other sites: the Origin header must be " + own
                + " or left out, as MCP clients leave it. Nothing was done.";
        ProblemDetail refusal = ProblemAnswer.of(HttpStatus.FORBIDDEN, "forbidden", words);
        if (callers.current().map(Caller::kind).orElse(null) == Caller.Kind.DELEGATE) {
            calls.recordRefused(request, refusal);
        }
        ProblemAnswer.write(response, refusal, null, json);
    }

    /** The ASCII serialization of a URL's origin (RFC 6454 section 6.2): what a browser sends as {@code Origin}. */
    private static String origin(String url) {
        UriComponents uri = UriComponentsBuilder.fromUriString(url).build();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean standard = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
    }
}
