package org.behalf.agents.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ProblemAnswer;
import org.behalf.kernel.RefusedElsewhere;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a tool call as the API request it stands for (DESIGN.md section 6, "AI assistants";
 * SECURITY-CASES 43): forwarded inside the server to the operation's path, with the caller's own
 * verified token, address and user agent. The request passes the same filters as one from outside,
 * the enforcement's among them (its declaration's scope, the never-delegable list, the grant's
 * lock, hours, addresses and quotas, review), and leaves exactly the activity entry that request
 * would, with the token's client (the MCP client) as {@code clientId}. Nothing is checked or
 * recorded here a second time.
 *
 * <p>A refusal (401, 403) is an MCP error carrying the API's problem document; any other
 * answer of 400 or more is a tool result marked as an error, so that the assistant can read what to
 * correct; a success is the API's answer as text.
 */
@Component
class ToolCalls {

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

    /** Where the transport context keeps the MCP request the call came in. */
    static final String REQUEST = "behalf.mcp.request";
    /** The JSON-RPC error code of a refused call (the server's own range, JSON-RPC 2.0 section 5.1). */
    static final int REFUSED = -32003;
    /**
     * The JSON-RPC error code of a call whose API request was answered 503, the service busy or its
     * database away (the server's own range, JSON-RPC 2.0 section 5.1): nothing was done, try again.
     */
    static final int UNAVAILABLE = -32004;
    /**
     * Where the MCP request keeps the {@code Retry-After} of a call answered 503 (empty when the API
     * gave none), for the transport's answer to carry it with that status ({@link BusyStatus}).
     */
    static final String RETRY_AFTER = "behalf.mcp.retry-after";
    /**
     * The longest id forwarded. Behalf's ids are a prefix of three or four letters, {@code _} and 22
     * characters ({@code OpaqueIds}), 27 at most; the console takes ids of at most 80 into its API
     * calls (its {@code Ids}), and the same bound here keeps a longer one, which cannot be an id, out of
     * the holder's log (a million characters were recorded, where the API's request line stops at 8 KB).
     */
    static final int MAX_ID_LENGTH = 80;

    private final JsonMapper json;

    ToolCalls(JsonMapper json) {
        this.json = json;
    }

    McpSchema.CallToolResult call(McpTransportContext context, DeclaredOperations.Operation operation,
                                  McpSchema.CallToolRequest call) {
        Map<String, Object> arguments = new LinkedHashMap<>(call.arguments() == null ? Map.of() : call.arguments());
        String path = operation.tool().path();
        for (String variable : operation.pathVariables()) {
            Object value = arguments.remove(variable);
            if (notOneValue(value)) {
                return notOneValue(variable, String.class);
            }
            if (value == null || value.toString().isBlank()) {
                return failed(json.writeValueAsString(new InvalidRequest(variable, variable + " is required.").getBody()));
            }
            if (!couldBeAnId(value.toString())) {
                return notFound();
            }
            path = path.replace("{" + variable + "}", UriUtils.encodePathSegment(value.toString(), StandardCharsets.UTF_8));
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> parameter : operation.query().entrySet()) {
            String name = parameter.getKey();
            Object value = arguments.remove(name);
            if (notOneValue(value)) {
                return notOneValue(name, parameter.getValue());
            }
            if (value != null) {
                query.put(name, value.toString());
            }
        }
        // What is left is the body's: unknown fields reach the API, which refuses them by name.
        byte[] body = operation.body() == null ? null : json.writeValueAsBytes(arguments);
        HttpServletRequest request = (HttpServletRequest) context.get(REQUEST);
        CapturedResponse answer = new CapturedResponse();
        try {
            request.getRequestDispatcher(path)
                    .forward(new ForwardedApiRequest(request, operation.tool().method().name(), body, query), answer);
        } catch (ServletException | IOException | RuntimeException e) {
            // The enforcement has recorded the failure in the holder's log.
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(CheckedParams.FAILED).build();
        }
        int status = answer.status();
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            throw busy(request, answer);
        }
        if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN) {
            JsonNode problem = problem(answer.body());
            throw McpError.builder(REFUSED)
                    .message(problem.path("detail").asString("The request was refused."))
                    .data(json.convertValue(problem, Map.class))
                    .build();
        }
        return status >= 400 ? failed(answer.body())
                : McpSchema.CallToolResult.builder().addTextContent(answer.body()).isError(false).build();
    }

    /**
     * The API answered 503 (docs/security.md rule 41: busy, a lock not had, the database away): nothing
     * was done, and the caller may try again after the answer's {@code Retry-After}. Told as such, not
     * as a tool result the assistant would read as its own mistake: a JSON-RPC error whose data is the
     * API's problem with {@code retryAfter} in seconds, answered with the API's status and header
     * ({@link BusyStatus}; black-box finding, 2026-12-07).
     */
    @SuppressWarnings("unchecked")
    private McpError busy(HttpServletRequest request, CapturedResponse answer) {
        JsonNode problem = problem(answer.body());
        Map<String, Object> data = new LinkedHashMap<>(json.convertValue(problem, Map.class));
        String retryAfter = answer.getHeader("Retry-After");
        if (retryAfter != null && retryAfter.matches("[0-9]{1,9}")) {
            data.put("retryAfter", Integer.parseInt(retryAfter));
        } else {
            retryAfter = null;
        }
        request.setAttribute(RETRY_AFTER, retryAfter == null ? "" : retryAfter);
        return McpError.builder(UNAVAILABLE)
                .message(problem.path("detail").asString("The service is busy right now. Try again in a moment."))
                .data(data)
                .build();
    }

    /** A list or an object, where a path variable or query parameter takes one value. */
    private static boolean notOneValue(Object value) {
        return value instanceof Map<?, ?> || value instanceof Collection<?>;
    }

    /**
     * The argument of a path variable or query parameter given as a list or an object: refused, not
     * sent as its JSON text, which a text parameter took as what to look for and answered an empty
     * list, as if nothing matched (black-box finding, 2026-12-07). Not forwarded, as no API request
     * can carry it: a query parameter is one text, and the API refuses one given twice.
     */
    private McpSchema.CallToolResult notOneValue(String name, Class<?> type) {
        boolean number = Number.class.isAssignableFrom(type) || type == int.class || type == long.class;
        return failed(json.writeValueAsString(new InvalidRequest(name, name + " is one value, "
                + (number ? "a whole number" : "a piece of text") + ", not a list or an object.").getBody()));
    }

    /**
     * A call of a tool there is none of, recorded as the API request it would be: forwarded to an
     * address that is no endpoint, {@code /api/v1/tools/<name>}, whose refusal the enforcement records
     * in the holder's log as it records any request a delegate makes (SECURITY-CASES 43: one entry per
     * call; docs/security.md rule 31 listed it as not yet recorded). A name that could not be one
     * segment of a path is left out of it.
     */
    void recordUnknown(McpTransportContext context, String name) {
        HttpServletRequest request = (HttpServletRequest) context.get(REQUEST);
        String path = "/api/v1/tools" + (couldBeAnId(name) ? "/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8) : "");
        try {
            request.getRequestDispatcher(path).forward(new ForwardedApiRequest(request, "POST", null, Map.of()), new CapturedResponse());
        } catch (ServletException | IOException | RuntimeException e) {
            // The enforcement has recorded the failure in the holder's log, as for any forwarded call.
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(CheckedParams.FAILED).build();
        }
    }

    /**
     * A message of the caller's refused before any tool ran (not one JSON-RPC request, the wrong
     * headers, params of the wrong shape, a method there is none of), recorded as the API records a
     * delegate's bad input: forwarded to the enforcement, which records it as a refused request to
     * {@code /api/v1/tools} with these words and runs nothing (kernel's {@link RefusedElsewhere};
     * DESIGN.md section 2 rule 6, SECURITY-CASES 31). Such messages left nothing in the holder's log,
     * where the same bad input sent to the API is an entry (black-box finding, 2026-12-07, agents 2).
     */
    void recordRefused(HttpServletRequest request, int status, String words) {
        recordRefused(request, ProblemAnswer.of(HttpStatus.valueOf(status), "invalid-request", words));
    }

    /** As {@link #recordRefused(HttpServletRequest, int, String)}, for a refusal of its own type: a 403 is recorded denied. */
    void recordRefused(HttpServletRequest request, ProblemDetail refusal) {
        RefusedElsewhere.mark(request, refusal);
        try {
            request.getRequestDispatcher("/api/v1/tools").forward(new ForwardedApiRequest(request, "POST", null, Map.of()),
                    new CapturedResponse());
        } catch (ServletException | IOException | RuntimeException e) {
            // The enforcement could not record it (the database away): the refusal is answered all the same.
            log.warn("A refused MCP message could not be recorded: {}", e.getClass().getSimpleName());
        } finally {
            RefusedElsewhere.clear(request);
        }
    }

    /**
     * Whether a path variable's value could be an id, and so be forwarded as one segment of a plain
     * path (docs/security.md rule 35): at most {@link #MAX_ID_LENGTH} characters, not a dot segment,
     * and without {@code / \ ; %}, a control character or a line or paragraph separator. The
     * firewall refuses such a path, forward or not (Spring Security's {@code StrictHttpFirewall}: an
     * encoded {@code / % \} or control character, a {@code ;}, a path not normalized), and no id of
     * Behalf's has one: they are short and printable ASCII.
     */
    private static boolean couldBeAnId(String value) {
        return value.length() <= MAX_ID_LENGTH && !value.equals(".") && !value.equals("..")
                && value.codePoints().noneMatch(c -> c == '/' || c == '\\' || c == ';' || c == '%'
                        || Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    /**
     * The API's answer to an id that does not exist (SECURITY-CASES 20), for an id that cannot: not
     * forwarded, and so not in the holder's log, as the API request would have been refused before
     * its enforcement (docs/security.md rule 35).
     */
    private McpSchema.CallToolResult notFound() {
        return failed(json.writeValueAsString(InvalidRequest.notFound().getBody()));
    }

    private static McpSchema.CallToolResult failed(String problem) {
        return McpSchema.CallToolResult.builder().addTextContent(problem).isError(true).build();
    }

    private JsonNode problem(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
