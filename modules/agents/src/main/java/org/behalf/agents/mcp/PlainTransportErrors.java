package org.behalf.agents.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The JSON mapper the SDK's servlet transport writes with, which writes an {@link McpError} as a
 * JSON-RPC error in plain words instead of the exception it is.
 *
 * <p>Why: whatever the transport refuses (an Accept it does not take, a body it cannot read, a
 * handler that failed), it answers by serializing its {@code McpError} whole, stack trace, class
 * names and the Java version included (MCP Java SDK 2.0.1, {@code HttpServletStatelessServerTransport
 * .responseError}, with no setting or hook), and its messages carry the failure's own text.
 * {@link JsonRpcMessages} lets through only what the transport takes; this is for whatever it
 * refuses all the same. Everything else is written as the SDK's mapper writes it.
 */
final class PlainTransportErrors implements McpJsonMapper {

    /** The words for a refusal of the transport's other than its internal error. */
    static final String NOT_TAKEN = "The server could not take this message.";

    private final McpJsonMapper mapper;
    private final JsonRpcErrors errors;

    PlainTransportErrors(McpJsonMapper mapper, JsonRpcErrors errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return value instanceof McpError error ? new String(plain(error), StandardCharsets.UTF_8) : mapper.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return value instanceof McpError error ? plain(error) : mapper.writeValueAsBytes(value);
    }

    private byte[] plain(McpError error) {
        int code = error.getJsonRpcError() == null ? McpSchema.ErrorCodes.INTERNAL_ERROR : error.getJsonRpcError().code();
        return errors.bytes(code, code == McpSchema.ErrorCodes.INTERNAL_ERROR ? CheckedParams.FAILED : NOT_TAKEN);
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object value, Class<T> type) {
        return mapper.convertValue(value, type);
    }

    @Override
    public <T> T convertValue(Object value, TypeRef<T> type) {
        return mapper.convertValue(value, type);
    }
}
