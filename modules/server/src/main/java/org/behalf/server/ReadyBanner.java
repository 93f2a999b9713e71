package org.behalf.server;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where to go, and how long start-up took. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    /** After everything else that runs when ready (first-party clients, demo data). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        Duration taken = event.getTimeTaken();
        log.info("Behalf is ready on http://localhost:{}/ (started in {} ms). Console: http://127.0.0.1:{}/console, "
                + "health: /actuator/health, docs: docs/README.md", port, taken == null ? "?" : taken.toMillis(), port);
    }
}
