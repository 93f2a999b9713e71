package org.behalf.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.behalf.kernel.BodyTooSlow;

/**
 * A request whose body must arrive whole within a bound from the moment {@link Admission} gave it a
 * place (docs/security.md rules 36 and 41): a read after the bound, or one the container gave up on
 * (its read timeout, {@code server.tomcat.connection-timeout}, for a client that sends nothing more),
 * throws {@link BodyTooSlow}. A body sent a byte a second once held its place for as long as the
 * client liked, and 150 of them, with no token needed, answered everyone else 503, a holder's
 * revocation included (black-box finding, 2026-12-07).
 *
 * <p>This bounds the bodies read as a stream: the resource API's (delegation's {@code ReadBody}) and
 * JSON bodies anywhere, and the rest of any body read after its answer ({@link UnreadBodies}). Form
 * bodies the container parses itself ({@code /oauth2/token}, the sign-in form, at most 1 MB) are bounded by its read
 * timeout between bytes only, and by the places one address may hold ({@link Admission}).
 */
final class BodyDeadline extends HttpServletRequestWrapper {

    private final long deadline;
    private ServletInputStream body;
    private BufferedReader reader;

    BodyDeadline(HttpServletRequest request, Duration limit) {
        super(request);
        this.deadline = System.nanoTime() + limit.toNanos();
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
