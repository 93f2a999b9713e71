package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.behalf.kernel.BodyTooSlow;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What is left of a request's body once it is answered is read where {@link Admission} counts it,
 * never on a request thread nobody counts (docs/security.md rule 41). Tomcat reads ("swallows") the
 * rest of a body its application did not read after the answer, at whatever pace the client sends
 * it: black-box testing on 2026-12-06 held every request thread, health probes' too, with 220
 * connections that each sent a byte a second to an endpoint that had refused them at once.
 * <ul>
 * <li>A request {@link Admission} took: the rest of its body is read before its place is given
 * back ({@link #readRest}), so a slow body holds one of the places, whose number is bounded below
 * the request threads, and a full node sheds the next request with 503 at once; and only until the
 * body's time is up ({@link BodyDeadline}), when the connection is closed instead.</li>
 * <li>A request it shed: the answer says {@code Connection: close} and nothing more of the request is
 * read ({@link #closeAfterAnswer}), as Tomcat does for an upload it aborted.</li>
 * </ul>
 * Hand-written: Tomcat bounds the bytes it swallows ({@code max-swallow-size}), never the time, and
 * has no setting to skip it.
 */
@Component
class UnreadBodies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** At most as much as Tomcat itself would swallow (config/application.yml, {@code max-swallow-size}). */
    private static final long MAX_REST = 2 * 1024 * 1024;
    private static final String CLOSE = UnreadBodies.class.getName() + ".close";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // On the engine, around the host: Tomcat takes the closing for an error of the request, and a host
        // that saw it would replace the answer with the error page.
        factory.addEngineValves(new CloseWhenAsked());
    }

    /** Reads and drops what the application left of the body, up to what Tomcat would; a body read otherwise is left alone. */
    static void readRest(HttpServletRequest request, HttpServletResponse response) {
        try {
            ServletInputStream body = request.getInputStream();
            if (!body.isFinished()) {
                long skipped = 0;
                byte[] buffer = new byte[8192];
                for (int read = body.read(buffer); read >= 0 && skipped < MAX_REST; read = body.read(buffer)) {
                    skipped += read;
                }
            }
        } catch (BodyTooSlow late) {
            // Past the body's time (BodyDeadline): what is left is not read, and the connection ends with this answer.
            closeAfterAnswer(request, response);
        } catch (IOException | IllegalStateException e) {
            // Read as characters by the application, or the client went away: nothing to keep it for.
        }
    }

    /** The answer closes the connection, and nothing more of the request is read. */
    static void closeAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Connection", "close");
        request.setAttribute(CLOSE, Boolean.TRUE);
    }

    static final class CloseWhenAsked extends ValveBase {

        CloseWhenAsked() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                getNext().invoke(request, response);
            } finally {
                if (Boolean.TRUE.equals(request.getAttribute(CLOSE))) {
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }
    }
}
