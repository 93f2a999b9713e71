package org.behalf.agents.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.api.BearerChallenge;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only delegates reach the MCP server (DESIGN.md section 6: "a delegation token"). The
 * security chain has verified the token, its audience the MCP server's (identity's token check);
 * without one, the answer is 401 with {@code WWW-Authenticate} naming the RFC 9728 metadata, which
 * is where an MCP client starts its authorization (MCP specification, "Authorization", Protected
 * Resource Metadata discovery). Any other caller, a member's own or an app's, is refused: an
 * assistant acts only under a holder's grant.
 */
final class McpCallers extends OncePerRequestFilter {

    private final Callers callers;

    McpCallers(Callers callers) {
        this.callers = callers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = callers.current().orElse(null);
        if (caller == null) {
            BearerChallenge.tokenRequired(request, response);
            problem(response, 401, "Unauthorized", "A delegation token for this server is required.");
            return;
        }
        if (caller.kind() != Caller.Kind.DELEGATE) {
            BearerChallenge.insufficientScope(request, response, "delegation:act");
            problem(response, 403, "Forbidden", "Only a delegation token, exchanged for a grant, acts through this server.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
