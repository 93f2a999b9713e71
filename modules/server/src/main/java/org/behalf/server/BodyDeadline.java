package org.behalf.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.behalf.kernel.BodyTooSlow;
import org.behalf.kernel.TooManyFields;
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
 * and then parsed, from those bytes, with the container's own parser. The container's own read waited for each byte for
 * up to its read timeout and never for a whole, so 150 connections trickling a form body, with no
 * token, from as few as four addresses (each under the per-address cap), held every place for as long
 * as they liked and the holder's revocation was answered 503 all that while (black-box finding,
 * round 9, 2026-12-07).
 */
final class BodyDeadline extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final long deadline;
    private final long formLimit;
    private final int fieldLimit;
    private ServletInputStream body;
    private BufferedReader reader;
    private Map<String, String[]> form;
    private IllegalStateException unreadable;

    /**
     * @param formLimit the most a form body may hold (bytes); a larger one is left to the container, which reads none of it
     * @param fieldLimit the most fields a request may have, its address's and its form's together (the container's)
     */
    BodyDeadline(HttpServletRequest request, Duration limit, long formLimit, int fieldLimit) {
        super(request);
        this.deadline = System.nanoTime() + limit.toNanos();
        this.formLimit = formLimit;
        this.fieldLimit = fieldLimit;
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
     * The query's parameters and then the body's, parsed by the container's own parser (Tomcat's
     * {@link Parameters}, as its request does, so its rules hold by construction: {@code +}, empty names,
     * broken escapes, the form's charset, at most {@code fieldLimit} fields) from the bytes read here
     * within the bound. A body that does not come in time throws (unchecked, as the parameter methods
     * cannot throw {@link IOException}; {@link Admission} finds the {@link BodyTooSlow} in it and answers
     * 408). A broken %-escape, text that is not in the form's charset, or a body over the limit throws what
     * the container throws for them, more fields than it reads {@link TooManyFields}, on every call
     * ({@code RequestParameters.failure} tells them apart, SECURITY-CASES 24); a body that fails otherwise adds nothing.
     */
    private Map<String, String[]> form() {
        if (unreadable != null) {
            throw unreadable;
        }
        if (form == null) {
            Parameters parameters = new Parameters();
            parameters.setLimit(fieldLimit);
            try {
                String query = getQueryString();
                if (query != null) {
                    // The connector's URI charset (UTF-8); a query's bytes are ASCII, Tomcat refusing any other.
                    byte[] bytes = query.getBytes(StandardCharsets.UTF_8);
                    MessageBytes raw = MessageBytes.newInstance();
                    raw.setBytes(bytes, 0, bytes.length);
                    parameters.processParameters(raw, StandardCharsets.UTF_8);
                }
                byte[] body = formBytes();
                if (body != null) {
                    String encoding = getCharacterEncoding();
                    // As the container: the form's own charset, else HTTP's ISO-8859-1.
                    parameters.setCharset(encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding));
                    parameters.processParameters(body, 0, body.length);
                }
                Map<String, String[]> parsed = new LinkedHashMap<>();
                for (Enumeration<String> names = parameters.getParameterNames(); names.hasMoreElements(); ) {
                    String name = names.nextElement();
                    parsed.put(name, parameters.getParameterValues(name));
                }
                form = Collections.unmodifiableMap(parsed);
            } catch (InvalidParameterException broken) {
                unreadable = fieldLimit >= 0 && fieldsRead(parameters) >= fieldLimit ? new TooManyFields(fieldLimit, broken) : broken;
                throw unreadable;
            }
        }
        return form;
    }

    /** How many fields the parser took before it stopped: at the limit, the next one was one too many. */
    private static int fieldsRead(Parameters parameters) {
        int count = 0;
        for (Enumeration<String> names = parameters.getParameterNames(); names.hasMoreElements(); ) {
            count += parameters.getParameterValues(names.nextElement()).length;
        }
        return count;
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
