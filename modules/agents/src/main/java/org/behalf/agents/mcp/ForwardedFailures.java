package org.behalf.agents.mcp;

import org.behalf.kernel.Unavailable;
import org.behalf.kernel.UnavailableAnswers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a tool call's API request that failed because the database was busy or away (no free
 * connection within the pool's wait, a restart) as the same request from outside is answered by the
 * server's outermost filter: 503 with {@code Retry-After} (kernel's {@link Unavailable};
 * docs/security.md rule 41) and one WARN line, never a stack trace.
 *
 * <p>Why here, in the forward, and not in {@link ToolCalls}: an exception that leaves a forward is
 * logged by the servlet container at ERROR with its whole stack trace before the caller of the
 * forward sees it ("Servlet.service() for servlet [dispatcherServlet] threw exception"), and the
 * server's own filter for it has run already, for the MCP request (black-box finding, 2026-12-07: a
 * pool's timeout in the enforcement was -32603 with an ERROR and 250 lines of trace). Registered for
 * forwards only, before the enforcement, which has rolled back and recorded what it could by then:
 * nothing of the request was kept.
 */
final class ForwardedFailures extends UnavailableAnswers {

    ForwardedFailures(JsonMapper json) {
        super(json, true);
    }
}
