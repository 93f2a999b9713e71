package org.behalf.agents.mcp;

import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.spec.McpSchema;

/** Why a POST is not taken as a JSON-RPC message: the HTTP status, the JSON-RPC error code and the words. */
record Refusal(int status, int code, String message) {

    /** JSON-RPC 2.0 section 5.1: a body that is not JSON (or not UTF-8 text). */
    static Refusal parse(String message) {
        return new Refusal(HttpServletResponse.SC_BAD_REQUEST, McpSchema.ErrorCodes.PARSE_ERROR, message);
    }

    /** JSON-RPC 2.0 section 5.1: JSON that is not one request or notification, or sent in a way not served. */
    static Refusal invalid(int status, String message) {
        return new Refusal(status, McpSchema.ErrorCodes.INVALID_REQUEST, message);
    }

    static Refusal invalid(String message) {
        return invalid(HttpServletResponse.SC_BAD_REQUEST, message);
    }
}
