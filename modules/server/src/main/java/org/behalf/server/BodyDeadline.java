package org.behalf.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.behalf.kernel.BodyTooSlow;
import org.springframework.http.HttpStatus;

/**
 * A request whose body must arrive whole within a bound from the moment {@link Admission} gave it a
 * place (docs/security.md rules 36 and 41): a read after the bound, or one the container gave up on
 * (its read timeout, {@code server.tomcat.connection-timeout}, for a client that sends nothing more),
 * throws {@link BodyTooSlow}. A body sent a byte a second once held its place for as long as the
 * client liked, and 150 of them, with no token needed, answered everyone else 503, a holder's
 * revocation included (black-box finding, 2026-12-07).
 *
 * <p>This bounds every body: the ones read as a stream (the resource API's, delegation's {@code ReadBody};
 * JSON bodies anywhere; the rest of any body read after its answer, {@link UnreadBodies}) and form bodies
 * ({@code /oauth2/token}, the sign-in form, any {@code POST} that says it sends one, at most
 * {@code server.tomcat.max-http-form-post-size}), which are read here through the same bounded stream
 * and parsed here rather than by the container. The container's own parse waited for each byte for
 * up to its read timeout and never for a whole, so 150 connections trickling a form body, with no
 * token, from as few as four addresses (each under the per-address cap), held every place for as long
 * as they liked and the holder's revocation was answered 503 all that while (black-box finding,
 * round 9, 2026-12-07).
 */
final class BodyDeadline extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final long deadline;
    private final long formLimit;
    private ServletInputStream body;
    private BufferedReader reader;
    private Map<String, String[]> form;
    private IllegalStateException unreadable;

    /** @param formLimit the most a form body may hold (bytes); a larger one is left to the container, which reads none of it */
    BodyDeadline(HttpServletRequest request, Duration limit, long formLimit) {
        super(request);
        this.deadline = System.nanoTime() + limit.toNanos();
        this.formLimit = formLimit;
    }

    boolean passed() {
        return System.nanoTime() - deadline >= 0;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Bounded(super.getInputStream());
        }
        return body;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            reader = new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
        return reader;
    }

    @Override
    public String getParameter(String name) {
        if (!formBody()) {
            return super.getParameter(name);
        }
        String[] values = form().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return formBody() ? form() : super.getParameterMap();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return formBody() ? Collections.enumeration(form().keySet()) : super.getParameterNames();
    }

    @Override
    public String[] getParameterValues(String name) {
        if (!formBody()) {
            return super.getParameterValues(name);
        }
        String[] values = form().get(name);
        return values == null ? null : values.clone();
    }

    /** As the container decides to parse a body: a POST that says it is a form, of a length it would read. */
    private boolean formBody() {
        String type = getContentType();
        return "POST".equalsIgnoreCase(getMethod()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith(FORM) && getContentLengthLong() <= formLimit;
    }

    /**
     * The query's parameters and then the body's, as the container orders them. A body that does not come in
     * time throws (unchecked, as the parameter methods cannot throw {@link IOException}; {@link Admission} finds the
     * {@link BodyTooSlow} in it and answers 408). A broken %-escape, text that is not in the form's charset, or a
     * body over the limit throws what the container threw for them, on every call, as it did
     * ({@code RequestParameters.failure} tells them apart, SECURITY-CASES 24); a body that fails otherwise adds nothing.
     */
    private Map<String, String[]> form() {
        if (unreadable != null) {
            throw unreadable;
        }
        if (form == null) {
            try {
                Map<String, List<String>> values = new LinkedHashMap<>();
                decode(getQueryString(), StandardCharsets.UTF_8, values);
                String encoding = getCharacterEncoding();
                byte[] bytes = formBytes();
                if (bytes != null) {
                    decode(new String(bytes, StandardCharsets.ISO_8859_1), encoding == null ? StandardCharsets.ISO_8859_1
                            : Charset.forName(encoding), values);
                }
                Map<String, String[]> parsed = new LinkedHashMap<>();
                values.forEach((name, list) -> parsed.put(name, list.toArray(String[]::new)));
                form = Collections.unmodifiableMap(parsed);
            } catch (InvalidParameterException broken) {
                unreadable = broken;
                throw broken;
            }
        }
        return form;
    }

    private byte[] formBytes() {
        try {
            InputStream in = getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > formLimit) {
                    throw new InvalidParameterException("form over the limit", HttpStatus.CONTENT_TOO_LARGE.value());
                }
            }
            return bytes.toByteArray();
        } catch (BodyTooSlow slow) {
            throw new UncheckedIOException(slow);
        } catch (IOException | IllegalStateException unread) {
            if (unread instanceof InvalidParameterException tooLarge) {
                throw tooLarge;
            }
            return null;
        }
    }

    /** {@code application/x-www-form-urlencoded} (bytes as ISO-8859-1 text, so that percent-decoding sees each byte). */
    private static void decode(String text, Charset charset, Map<String, List<String>> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (name.isEmpty()) {
                continue;
            }
            into.computeIfAbsent(decoded(name, charset), key -> new ArrayList<>()).add(decoded(value, charset));
        }
    }

    private static String decoded(String text, Charset charset) {
        try {
            // Percent-escapes name bytes in the form's charset; anything else in the text stood for itself in it too.
            byte[] raw = URLDecoder.decode(text, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException broken) {
            throw new InvalidParameterException("a broken %-escape or text not in " + charset, HttpStatus.BAD_REQUEST.value());
        }
    }

    private final class Bounded extends ServletInputStream {

        private final ServletInputStream in;

        Bounded(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            check();
            try {
                return in.read();
            } catch (IOException e) {
                throw tooSlowOr(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw tooSlowOr(e);
            }
        }

        private void check() throws BodyTooSlow {
            if (!in.isFinished() && passed()) {
                throw new BodyTooSlow(null);
            }
        }

        private IOException tooSlowOr(IOException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException) {
                    return new BodyTooSlow(failure);
                }
            }
            return passed() ? new BodyTooSlow(failure) : failure;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
