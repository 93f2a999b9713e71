package org.behalf.server;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.behalf.kernel.OpaqueIds;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the servlet container answers by itself, for a request it cannot hand to the application (a
 * malformed address, headers too large, a broken length or chunk): RFC 9457 problem JSON with an
 * {@code X-Request-Id}, as every other answer (docs/api.md), instead of Tomcat's HTML page. And an
 * encoded {@code /} or {@code \} in a path is let through to {@link CanonicalPaths}, which refuses
 * it as rule 35 says (docs/security.md); Tomcat refused it first, with its HTML page. Both were found
 * by black-box testing on 2026-12-06.
 *
 * <p>Runs after Spring Boot's own customizer (lowest precedence), whose plain error report valve it
 * replaces.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
        factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
                return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReport());
            // Else the host adds Tomcat's own as it starts, which then answers first.
            host.setErrorReportValveClass(ProblemReport.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Tomcat's error report, written as problem JSON in plain words ({@link StatusWords}). Its own
     * mapper: Tomcat creates the valve, where no Spring bean can be asked for one.
     */
    static final class ProblemReport extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As Tomcat's own: only an error nobody has written an answer for, and only once.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("X-Request-Id", OpaqueIds.random(12));
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(StatusWords.problem(known != null ? known
                            : status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException tooLate) {
                // The connection is gone or the answer already started: nothing more can be said.
            }
        }
    }
}
