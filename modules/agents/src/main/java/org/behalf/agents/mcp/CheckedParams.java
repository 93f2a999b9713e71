package org.behalf.agents.mcp;

import java.util.Map;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Answers a request whose {@code params} are not of the shape its method takes with -32602
 * (invalid params) in plain words, and keeps Java out of every other error the SDK answers.
 *
 * <p>Why: the SDK's handlers convert {@code params} to their types as they start, outside their
 * error handling; a {@code tools/call} whose {@code arguments} is not an object failed in the
 * transport as a 500 with Jackson's message (Java type names) and an ERROR log line (MCP Java SDK
 * 2.0.1, {@code McpStatelessAsyncServer}), and an exception the SDK does catch becomes an internal
 * error carrying the exception's message. The conversion is tried here first, with the SDK's own
 * mapper, so that what reaches its handlers is what they take. Sits between the transport and the
 * SDK's handler, like {@link GrantedTools}.
 */
final class CheckedParams extends HandlerDecorator {

    private static final Logger log = LoggerFactory.getLogger(CheckedParams.class);
    /** The message of an internal error (ToolCalls' own too): the server's fault, told without its internals. */
    static final String FAILED = "The request failed.";

    /** The longest name (of a tool, of a method) told back whole: a person reads no more, and 500 KB were echoed. */
    static final int ECHOED = 64;

    /** The methods whose handler needs params, with their type, the members they require, and the shape said in words. */
    private static final Map<String, Shape> SHAPES = Map.of(
            // All three are required (MCP schema, InitializeRequest): the SDK's type took {} and
            // answered it (black-box finding, 2026-12-07).
            McpSchema.METHOD_INITIALIZE, new Shape(McpSchema.InitializeRequest.class, false,
                    params -> params.get("protocolVersion") instanceof String && params.get("capabilities") instanceof Map<?, ?>
                            && params.get("clientInfo") instanceof Map<?, ?>,
                    "initialize takes params {\"protocolVersion\": a string, \"capabilities\": an object, \"clientInfo\": an object}."),
            // Read before converting: the SDK's type takes a missing name as "" with a WARN, and its
            // handler then looked up the tool "null".
            McpSchema.METHOD_TOOLS_CALL, new Shape(McpSchema.CallToolRequest.class, false,
                    params -> params.get("name") instanceof String,
                    "tools/call takes params {\"name\": the tool's name, \"arguments\": an object of the tool's input}."),
            // Optional, and an object when given (JSON-RPC 2.0 section 4.2; MCP's params are objects):
            // the SDK's handlers never read them, and answered "x", 5 or [] as if well formed.
            McpSchema.METHOD_TOOLS_LIST, new Shape(null, true,
                    params -> params.get("cursor") == null || params.get("cursor") instanceof String,
                    "tools/list takes no params, or params {\"cursor\": a string}."),
            McpSchema.METHOD_PING, new Shape(null, true, params -> true,
                    "ping takes no params, or params that are an object."));

    /**
     * @param type     the SDK's type the params must convert to, or null for a method whose handler reads none
     * @param optional whether the method may be sent without params
     */
    private record Shape(Class<?> type, boolean optional, Predicate<Map<?, ?>> required, String words) {
    }

    private final McpJsonMapper json;
    private final ToolCalls calls;

    CheckedParams(McpStatelessServerTransport transport, McpJsonMapper json, ToolCalls calls) {
        super(transport);
        this.json = json;
        this.calls = calls;
    }

    @Override
    McpStatelessServerHandler wrap(McpStatelessServerHandler handler) {
        return new McpStatelessServerHandler() {
            @Override
            public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext context, McpSchema.JSONRPCRequest request) {
                Shape shape = SHAPES.get(request.method());
                if (shape != null && !fits(request.params(), shape)) {
                    calls.recordRefused((HttpServletRequest) context.get(ToolCalls.REQUEST), HttpServletResponse.SC_BAD_REQUEST, shape.words());
                    return Mono.just(error(request, McpSchema.ErrorCodes.INVALID_PARAMS, shape.words()));
                }
                return Mono.defer(() -> handler.handleRequest(context, request))
                        .onErrorResume(e -> {
                            log.error("MCP request {} failed", request.method(), e);
                            return Mono.just(error(request, McpSchema.ErrorCodes.INTERNAL_ERROR, FAILED));
                        })
                        .map(CheckedParams::plain)
                        .map(response -> unknownTool(context, request, response))
                        .map(response -> unknownMethod(context, request, response));
            }

            @Override
            public Mono<Void> handleNotification(McpTransportContext context, McpSchema.JSONRPCNotification notification) {
                return Mono.defer(() -> handler.handleNotification(context, notification))
                        .onErrorResume(e -> {
                            log.error("MCP notification {} failed", notification.method(), e);
                            return Mono.empty();
                        });
            }
        };
    }

    private boolean fits(Object params, Shape shape) {
        if (params == null && shape.optional()) {
            return true;
        }
        if (!(params instanceof Map<?, ?> map) || !shape.required().test(map)) {
            return false;
        }
        if (shape.type() == null) {
            return true;
        }
        try {
            return json.convertValue(params, shape.type()) != null;
        } catch (RuntimeException e) {
            // Jackson's exception, or the SDK type's own check.
            return false;
        }
    }

    /** An internal error as the SDK built it from an exception, with the exception's message: told without it, logged. */
    private static McpSchema.JSONRPCResponse plain(McpSchema.JSONRPCResponse response) {
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null || error.code() != McpSchema.ErrorCodes.INTERNAL_ERROR || FAILED.equals(error.message())) {
            return response;
        }
        log.error("MCP request failed: {}", error.message());
        return McpSchema.JSONRPCResponse.error(response.id(),
                new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, FAILED, null));
    }

    /**
     * The SDK's answer to a call of a tool it does not have says "Unknown tool: invalid_tool_name"
     * whatever the name (MCP Java SDK 2.0.1): told here in words that name it and where the tools are,
     * and recorded in the holder's log as the call it was ({@link ToolCalls#recordUnknown}).
     */
    private McpSchema.JSONRPCResponse unknownTool(McpTransportContext context, McpSchema.JSONRPCRequest request,
                                                  McpSchema.JSONRPCResponse response) {
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null || error.code() != McpSchema.ErrorCodes.INVALID_PARAMS || !McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                || error.message() == null || !error.message().startsWith("Unknown tool")) {
            return response;
        }
        Object name = request.params() instanceof Map<?, ?> params ? params.get("name") : null;
        calls.recordUnknown(context, String.valueOf(name));
        return error(request, McpSchema.ErrorCodes.INVALID_PARAMS, "There is no tool named \u201c" + echoed(String.valueOf(name))
                + "\u201d: tools/list names the tools this grant offers.");
    }

    /** The SDK's answer to an unknown method says "Method not found: " and the method, whole: told with the name cut. */
    private McpSchema.JSONRPCResponse unknownMethod(McpTransportContext context, McpSchema.JSONRPCRequest request,
                                                   McpSchema.JSONRPCResponse response) {
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null || error.code() != McpSchema.ErrorCodes.METHOD_NOT_FOUND) {
            return response;
        }
        String words = "There is no method \u201c" + echoed(request.method()) + "\u201d: this server answers initialize, ping, tools/list and tools/call.";
        // Refused, and so recorded as the API records a request to an address it does not offer.
        calls.recordRefused((HttpServletRequest) context.get(ToolCalls.REQUEST), HttpServletResponse.SC_BAD_REQUEST, words);
        return error(request, McpSchema.ErrorCodes.METHOD_NOT_FOUND, words);
    }

    /** A name as far as it is told back: its first {@link #ECHOED} characters, then "…"; never half a surrogate pair. */
    static String echoed(String name) {
        if (name.codePointCount(0, name.length()) <= ECHOED) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, ECHOED)) + "\u2026";
    }

    private static McpSchema.JSONRPCResponse error(McpSchema.JSONRPCRequest request, int code, String message) {
        return McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
    }
}
