package org.behalf.agents.mcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.behalf.kernel.BytesInput;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.web.util.UriUtils;

/**
 * The API request a tool call stands for, built over the MCP request it came in: the same caller
 * (the bearer token, already verified), the same address and user agent, so that a grant's address
 * ranges and the activity entry see the assistant and not the server; its own method and JSON body.
 * The path is the forward's (the container sets it); the query string and the parameters are the
 * tool's query arguments alone, kept here. Not the MCP request's: the container merges the parameters of
 * the request forwarded into the forward's, and the query string of the MCP address ({@code /mcp?limit=1})
 * was added to every tool's API request, breaking or changing it (black-box finding, 2026-12-07). Nor
 * left to the container: it puts the forward's own query beneath this wrapper (Tomcat inserts its
 * dispatch wrapper next to the container's request), so answering "none" here hid the tool's
 * {@code limit}, {@code cursor}, {@code direction}, {@code q} and {@code tag} from the API, which answered
 * its first page for every call (black-box finding, 2026-12-07, agents 1).
 */
final class ForwardedApiRequest extends HttpServletRequestWrapper {

    private static final String JSON = "application/json";
    private static final Set<String> OWN_HEADERS = Set.of("content-type", "content-length", "accept");

    private final String method;
    private final byte[] body;
    private final Map<String, String> query;

    /** {@code query}: the tool's query arguments, each one value, in the order the API request names them. */
    ForwardedApiRequest(HttpServletRequest mcpRequest, String method, byte[] body, Map<String, String> query) {
        super(mcpRequest);
        this.method = method;
        this.body = body == null ? new byte[0] : body;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** The tool's query arguments, encoded; none of the MCP request's. */
    @Override
    public String getQueryString() {
        return query.isEmpty() ? null : query.entrySet().stream()
                .map(p -> UriUtils.encodeQueryParam(p.getKey(), StandardCharsets.UTF_8) + "="
                        + UriUtils.encodeQueryParam(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String getParameter(String name) {
        return query.get(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        query.forEach((name, value) -> parameters.put(name, new String[] {value}));
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(query.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String value = query.get(name);
        return value == null ? null : new String[] {value};
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getContentType() {
        return body.length == 0 ? null : JSON;
    }

    @Override
    public int getContentLength() {
        return body.length == 0 ? -1 : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return getContentLength();
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    @Override
    public String getHeader(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "content-type" -> getContentType();
            case "content-length" -> body.length == 0 ? null : Integer.toString(body.length);
            case "accept" -> JSON;
            default -> super.getHeader(name);
        };
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(value));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        Collections.list(super.getHeaderNames()).stream()
                .filter(name -> !OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))).forEach(names::add);
        names.add("Accept");
        if (body.length > 0) {
            names.add("Content-Type");
            names.add("Content-Length");
        }
        return Collections.enumeration(names);
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BytesInput(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
}
