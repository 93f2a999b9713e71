package org.behalf.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes the connection after an answer that left the request's body unread (a refusal that did not
 * need it: a {@code 401}, a {@code 404}, {@link Admission}'s {@code 503}) while the rest of that body
 * has not arrived, instead of reading on (docs/security.md rule 41). Tomcat reads ("swallows") the
 * rest of such a body on the request thread after the answer, at whatever pace the client sends it:
 * black-box testing on 2026-12-06 held every request thread, health probes' too, with 220
 * connections that each sent a byte a second, though each request had been refused at once. What
 * has already arrived is read first, so a client that sent its body whole keeps its connection.
 *
 * <p>Hand-written: Tomcat bounds the bytes it swallows ({@code max-swallow-size}), never the time.
 */
@Component
class UnreadBodies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // On the engine, around the host: Tomcat takes the closing for an error of the request, and a host
        // that saw it would replace the answer with the error page.
        factory.addEngineValves(new CloseOnUnreadBody());
    }

    static final class CloseOnUnreadBody extends ValveBase {

        CloseOnUnreadBody() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                getNext().invoke(request, response);
            } finally {
                if (!fullyRead(request) && !drainArrived(request)) {
                    // Tomcat's own answer to an aborted upload: answer, then close cleanly, reading no more.
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }

        private static boolean fullyRead(Request request) {
            AtomicBoolean read = new AtomicBoolean(true);
            request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
            return read.get();
        }

        /** Reads what of the body is already in the connection's buffer, without waiting; whether that was all of it. */
        private static boolean drainArrived(Request request) {
            try {
                InputStream body = request.getStream();
                for (int arrived = body.available(); arrived > 0; arrived = body.available()) {
                    body.skipNBytes(arrived);
                }
                return fullyRead(request);
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }
    }
}
