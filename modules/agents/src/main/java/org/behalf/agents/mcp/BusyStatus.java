package org.behalf.agents.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The MCP request's response, whose status becomes 503 with the API's {@code Retry-After} when a
 * tool call's API request was answered 503 ({@link ToolCalls#RETRY_AFTER}): the transport answers
 * every JSON-RPC response 200 (MCP Java SDK 2.0.1, {@code HttpServletStatelessServerTransport}, with
 * no hook for its status), and an MCP client then could not tell "busy, retry in N seconds" from
 * any other error (docs/security.md rule 41; black-box finding, 2026-12-07).
 */
final class BusyStatus extends HttpServletResponseWrapper {

    private final HttpServletRequest request;

    BusyStatus(HttpServletRequest request, HttpServletResponse response) {
        super(response);
        this.request = request;
    }

    @Override
    public void setStatus(int status) {
        Object retryAfter = request.getAttribute(ToolCalls.RETRY_AFTER);
        if (status != SC_OK || retryAfter == null) {
            super.setStatus(status);
            return;
        }
        super.setStatus(SC_SERVICE_UNAVAILABLE);
        if (!retryAfter.toString().isEmpty()) {
            setHeader("Retry-After", retryAfter.toString());
        }
    }
}
