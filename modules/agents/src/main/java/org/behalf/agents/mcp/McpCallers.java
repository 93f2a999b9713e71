package org.behalf.agents.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.BearerChallenge;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ProblemAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets only delegates reach the MCP server (DESIGN.md section 6: "a delegation token"). The
 * security chain has verified the token, its audience the MCP server's (identity's token check);
 * without one, the answer is 401 with {@code WWW-Authenticate} naming the RFC 9728 metadata, which
 * is where an MCP client starts its authorization (MCP specification, "Authorization", Protected
 * Resource Metadata discovery). Any other caller, a member's own or an app's, is refused: an
 * assistant acts only under a holder's grant. The refusal is a problem document as the API's own
 * (kernel's {@link ProblemAnswer}): it was written by hand, typed {@code about:blank} and sent as
 * ISO-8859-1, the container's default for a writer (black-box finding, 2026-12-07, agents 6).
 */
final class McpCallers extends OncePerRequestFilter {

    private final Callers callers;
    private final JsonMapper json;

    McpCallers(Callers callers, JsonMapper json) {
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = callers.current().orElse(null);
        if (caller == null) {
            BearerChallenge.tokenRequired(request, response);
            ProblemAnswer.write(response, ProblemAnswer.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "A delegation token for this server is required."), null, json);
            return;
        }
        if (caller.kind() != Caller.Kind.DELEGATE) {
            BearerChallenge.insufficientScope(request, response, "delegation:act");
            ProblemAnswer.write(response, ProblemAnswer.of(HttpStatus.FORBIDDEN, "delegates-only",
                    "Only a delegation token, exchanged for a grant, acts through this server."), null, json);
            return;
        }
        chain.doFilter(request, response);
    }
}
