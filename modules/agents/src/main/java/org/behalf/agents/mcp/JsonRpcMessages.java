package org.behalf.agents.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.spec.McpSchema;
import org.behalf.kernel.BytesInput;
import org.behalf.kernel.StrictUtf8;
import org.behalf.kernel.TextField;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets through to the SDK's transport only a POST that is one JSON-RPC 2.0 request or
 * notification, sent as JSON in UTF-8 whose text is all Unicode, with the headers the transport
 * takes ({@link McpHeaders}), and answers anything else itself
 * with a JSON-RPC error in plain words (JSON-RPC 2.0 section 5.1: -32700 for a body that is not
 * JSON or not UTF-8, -32600 for one that is not a request).
 *
 * <p>Why before the transport rather than configured in it: the SDK's servlet transport (MCP Java
 * SDK 2.0.1, {@code HttpServletStatelessServerTransport}) answers such input by serializing its
 * {@code McpError} exception whole, stack trace and class names included, logs the parser's
 * message at ERROR, and has no setting or hook for either. What passes here is what it handles
 * well: a message it can parse, with an {@code id} its response type accepts (a string or an
 * integer, MCP "Base Protocol").
 */
final class JsonRpcMessages extends OncePerRequestFilter {

    private final JsonMapper json;
    private final McpHeaders headers;
    private final JsonRpcErrors errors;
    private final int maxBytes;
    private final ToolCalls calls;

    JsonRpcMessages(JsonMapper json, McpHeaders headers, int maxBytes, ToolCalls calls) {
        this.json = json;
        this.headers = headers;
        this.errors = new JsonRpcErrors(json);
        this.maxBytes = maxBytes;
        this.calls = calls;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > maxBytes) {
            // GET is 405 and a declared oversize body 413, both from the transport, with no body to read.
            chain.doFilter(request, response);
            return;
        }
        Refusal refusal = headers.refusal(request);
        if (refusal != null) {
            refuse(request, response, refusal);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        refusal = refusal(body);
        if (refusal == null) {
            chain.doFilter(new ReadRequest(McpHeaders.asTheTransportReadsThem(request), body), new BusyStatus(request, response));
        } else {
            refuse(request, response, refusal);
        }
    }

    /** What is wrong with the message, in plain words, or null. */
    private Refusal refusal(byte[] body) {
        // Strictly: bytes that are not UTF-8 were replaced by U+FFFD and stored (docs/security.md rule 40).
        String text = StrictUtf8.decode(body).orElse(null);
        if (text == null) {
            return Refusal.parse("The body is not UTF-8 text.");
        }
        if (text.isBlank()) {
            return Refusal.parse("The body is empty: send one JSON-RPC message.");
        }
        JsonNode message;
        try {
            message = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(text);
        } catch (StreamConstraintsException e) {
            return Refusal.invalid("The message is nested too deeply or is too long in one of its parts.");
        } catch (JacksonException e) {
            return Refusal.parse("The body is not JSON.");
        }
        if (!unicode(message)) {
            // The SDK's mapper (the application's) refuses such text, and the transport then answered its stack trace.
            return Refusal.invalid("The message has text that is not Unicode: half of a surrogate pair (such as \\ud800).");
        }
        if (message.isArray()) {
            return Refusal.invalid("Batches are not supported: send one JSON-RPC message per request.");
        }
        if (!message.isObject()) {
            return Refusal.invalid("The body must be one JSON-RPC message, a JSON object.");
        }
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isString() || !McpSchema.JSONRPC_VERSION.equals(version.asString())) {
            return Refusal.invalid("\"jsonrpc\" must be \"2.0\".");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            return Refusal.invalid(message.has("result") || message.has("error")
                    ? "This server takes requests and notifications, not responses."
                    : "\"method\" is required.");
        }
        if (!method.isString()) {
            return Refusal.invalid("\"method\" must be a string.");
        }
        JsonNode id = message.get("id");
        if (id != null && !id.isString() && !(id.isIntegralNumber() && id.canConvertToLong())) {
            return Refusal.invalid("\"id\" must be a string or an integer.");
        }
        if (id == null && McpSchema.METHOD_TOOLS_CALL.equals(method.asString())) {
            // A tool call sent as a notification was answered 202 and dropped: nothing done, nothing
            // recorded, nothing told (black-box finding, 2026-12-07, agents 2). MCP "Transports": a
            // message the server cannot accept is an HTTP error, its body a JSON-RPC error without id.
            return Refusal.invalid("tools/call is a request: send it with an \"id\" to have it answered. Nothing was done.");
        }
        return null;
    }

    /** Whether every text of the message, names and values, is Unicode. */
    private static boolean unicode(JsonNode node) {
        if (node.isString()) {
            return TextField.isUnicode(node.asString());
        }
        if (node.isObject()) {
            return node.properties().stream().allMatch(member -> TextField.isUnicode(member.getKey()) && unicode(member.getValue()));
        }
        for (JsonNode element : node) {
            if (!unicode(element)) {
                return false;
            }
        }
        return true;
    }

    /** The body, or null past the largest message taken (read bounded: a chunked body declares no length). */
    private byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? null : body;
    }

    /** Answers the refusal, and records it in the holder's log as the API records a delegate's bad input. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
        calls.recordRefused(request, refusal.status(), refusal.message());
        response.setStatus(refusal.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(errors.bytes(refusal.code(), refusal.message()));
    }

    /** The request with its body already read, for the transport to read again. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BytesInput(body);
        }

        /** JSON's own (RFC 8259 section 8.1), as it was read here: the transport decodes with the request's. */
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
