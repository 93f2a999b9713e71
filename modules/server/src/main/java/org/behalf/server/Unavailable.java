package org.behalf.server;

import java.time.Duration;

import org.behalf.kernel.InvalidRequest;
import org.springframework.http.HttpStatus;

/** 503 with {@code Retry-After}, as every other problem answer is built: nothing was done, try again. */
final class Unavailable extends InvalidRequest {

    private Unavailable(Duration retryAfter, String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable", null, detail);
        getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** This node is answering as many requests as it may at once (docs/security.md rule 41). */
    static Unavailable busy() {
        return new Unavailable(Duration.ofSeconds(1), "The service is busy right now. Try again in a moment.");
    }

    /** A lock wait timed out: the database answered, but something else was changing the same thing. */
    static Unavailable lockWait() {
        return new Unavailable(Duration.ofSeconds(5), "Something else is changing the same thing right now. Try again in a moment.");
    }

    /** The database did not answer (a restart, a failover, no free connection in time). */
    static Unavailable databaseDown() {
        return new Unavailable(Duration.ofSeconds(5), "The service could not reach its database. Try again.");
    }
}
