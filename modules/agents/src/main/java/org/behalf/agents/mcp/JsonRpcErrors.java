package org.behalf.agents.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error response for a message the server does not take as a request: its id is null,
 * as JSON-RPC 2.0 section 5 has it when the request's is unknown. One shape for Behalf's own
 * refusals ({@link JsonRpcMessages}) and for what the SDK's transport refuses ({@link PlainTransportErrors}).
 */
final class JsonRpcErrors {

    private final JsonMapper json;

    JsonRpcErrors(JsonMapper json) {
        this.json = json;
    }

    byte[] bytes(int code, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.putNull("id");
        error.putObject("error").put("code", code).put("message", message);
        return json.writeValueAsBytes(error);
    }
}
