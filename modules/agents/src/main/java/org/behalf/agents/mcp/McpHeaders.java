package org.behalf.agents.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.modelcontextprotocol.spec.HttpHeaders;
import org.behalf.delegation.api.PlainWords;
import org.springframework.http.MediaType;

/**
 * The headers of an MCP POST (MCP 2025-06-18, "Transports", Streamable HTTP), read as HTTP has them:
 * every field line of a header, media types parsed with their quality (RFC 9110 sections 5.3 and
 * 12.5.1), not searched for substrings.
 *
 * <p>Why here: the SDK's servlet transport reads only the first {@code Accept} line and looks for the
 * two types as substrings, so {@code application/jsonx} passed and {@code application/json} and
 * {@code text/event-stream} on two lines failed with its exception serialized whole (black-box
 * testing, 2026-12-07). What passes here goes on with the headers spelled as the transport reads
 * them ({@link #asTheTransportReadsThem}), so that its check passes exactly when this one did.
 */
final class McpHeaders {

    private static final String BOTH = MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.TEXT_EVENT_STREAM_VALUE;

    private final List<String> versions;

    /** @param versions the MCP revisions the server speaks, the transport's own list */
    McpHeaders(List<String> versions) {
        this.versions = List.copyOf(versions);
    }

    /** What is wrong with the request's headers, in plain words, or null. */
    Refusal refusal(HttpServletRequest request) {
        // The client lists both; 406 is HTTP's word for an Accept not served.
        if (!lists(values(request, org.springframework.http.HttpHeaders.ACCEPT), MediaType.APPLICATION_JSON)
                || !lists(values(request, org.springframework.http.HttpHeaders.ACCEPT), MediaType.TEXT_EVENT_STREAM)) {
            return Refusal.invalid(HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "The Accept header must list both application/json and text/event-stream.");
        }
        // The body is a JSON-RPC message sent as JSON, in UTF-8, as it is read (RFC 8259 section 8.1).
        if (!json(values(request, org.springframework.http.HttpHeaders.CONTENT_TYPE))) {
            return Refusal.invalid(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type must be application/json, in UTF-8, and sent once.");
        }
        // "Protocol Version Header": an invalid or unsupported version MUST be answered 400; without
        // one the server assumes 2025-03-26, which it speaks.
        List<String> version = values(request, HttpHeaders.PROTOCOL_VERSION);
        if (!version.isEmpty() && (version.size() > 1 || !versions.contains(version.get(0)))) {
            return Refusal.invalid("This server speaks MCP " + PlainWords.and(versions)
                    + ": the MCP-Protocol-Version header must name one of them, or be left out.");
        }
        return null;
    }

    /** The request as it passed here, with one Accept and one Content-Type, spelled as the transport looks for them. */
    static HttpServletRequest asTheTransportReadsThem(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                String canonical = canonical(name);
                return canonical != null ? canonical : super.getHeader(name);
            }

            @Override
            public java.util.Enumeration<String> getHeaders(String name) {
                String canonical = canonical(name);
                return canonical != null ? Collections.enumeration(List.of(canonical)) : super.getHeaders(name);
            }

            @Override
            public String getContentType() {
                return MediaType.APPLICATION_JSON_VALUE;
            }
        };
    }

    private static String canonical(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "accept" -> BOTH;
            case "content-type" -> MediaType.APPLICATION_JSON_VALUE;
            default -> null;
        };
    }

    private static List<String> values(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }

    /**
     * Whether the Accept lines list the type itself, not a wildcard (the MCP client lists both, and
     * the SDK looks for them by name), with a quality above 0. An Accept that does not parse lists nothing.
     */
    private static boolean lists(List<String> accept, MediaType wanted) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.equalsTypeAndSubtype(wanted) && type.getQualityValue() > 0);
        } catch (IllegalArgumentException notMediaTypes) {
            return false;
        }
    }

    /** One Content-Type, application/json, in UTF-8 if it names a charset at all. */
    private static boolean json(List<String> contentType) {
        if (contentType.size() != 1) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType.get(0));
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException notAMediaType) {
            return false;
        }
    }
}
