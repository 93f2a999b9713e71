package org.behalf.delegation.enforcement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.behalf.kernel.BytesInput;
import org.behalf.kernel.StrictUtf8;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A request whose body has been read whole, within a bound, before its transaction opens
 * (docs/security.md rule 36): a caller who sends the body slowly then holds a request thread, but
 * never a database connection or the grant's lock, so a revocation meanwhile is not held up.
 *
 * <p>Form bodies are read by the container into parameters on the same first call; they are left
 * to it, and read here by asking for the parameters.
 */
final class ReadBody extends HttpServletRequestWrapper {

    /** The largest body any endpoint takes: a contacts import (2 MiB, SECURITY-CASES 24). */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Set on a request whose body was longer than {@link #MAX_BYTES}, so cut off here ({@link OversizedBodyAdvice}). */
    private static final String CUT_OFF = ReadBody.class.getName() + ".cutOff";

    private final byte[] bytes;
    private final ServletInputStream body;

    private ReadBody(HttpServletRequest request, byte[] bytes) {
        super(request);
        this.bytes = bytes;
        this.body = new BytesInput(bytes);
    }

    /**
     * The request with its body read. Of a body larger than {@link #MAX_BYTES}, the first
     * {@code MAX_BYTES + 1} bytes are kept, and the request is marked {@link #cutOff}: enough for each
     * endpoint to see that it is over its own limit and answer as it does (a contacts import: 413
     * naming the file; a JSON body: {@link OversizedBodyAdvice}), and no more in memory.
     */
    static HttpServletRequest of(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            request.getParameterMap();
            return request;
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            request.setAttribute(CUT_OFF, Boolean.TRUE);
        }
        return new ReadBody(request, bytes);
    }

    /** Whether the request's body was longer than {@link #MAX_BYTES}: what is left of it is not what was sent. */
    static boolean cutOff(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(CUT_OFF));
    }

    /**
     * Whether a JSON body is UTF-8 (RFC 8259 section 8.1), decoded strictly. Jackson's parser
     * decodes the overlong forms UTF-8 forbids (RFC 3629 section 3): {@code C0 BC} became {@code <}
     * and was stored, past any check on the bytes (docs/security.md rule 40). A body cut off at the
     * bound is left to its endpoint's own answer.
     */
    static boolean jsonIsUtf8(HttpServletRequest read) {
        return !(read instanceof ReadBody body) || cutOff(read) || !json(read.getContentType())
                || StrictUtf8.decode(body.bytes).isPresent();
    }

    private static boolean json(String type) {
        try {
            MediaType parsed = type == null ? null : MediaType.parseMediaType(type);
            return parsed != null && ("json".equals(parsed.getSubtype()) || "json".equals(parsed.getSubtypeSuffix()));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /**
     * The same request to be run again from its first byte ({@link EnforcementFilter} re-runs a
     * request that met a conflicting change): the body read once, offered unread. Form parameters
     * are kept by the container and read again as they are.
     */
    static HttpServletRequest again(HttpServletRequest read) {
        return read instanceof ReadBody body ? new ReadBody((HttpServletRequest) body.getRequest(), body.bytes) : read;
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(body, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
}
