package org.behalf.kernel;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** 429 with {@code Retry-After} in seconds (SECURITY-CASES 29), as a problem document; nothing was done. */
public class TooManyRequests extends InvalidRequest {

    public TooManyRequests(Duration retryAfter, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", null, detail);
        getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
}
