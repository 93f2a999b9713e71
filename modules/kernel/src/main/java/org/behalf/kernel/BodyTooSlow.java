package org.behalf.kernel;

import java.io.IOException;

/**
 * A request's body that did not arrive whole within the node's bound ({@code behalf.body-time-limit};
 * docs/security.md rules 36 and 41): thrown by the body's reads once the bound has passed, or when the
 * container gave up waiting for the next byte. The request is answered 408 where it can still be
 * answered, and its connection is closed, as the rest of the body was never read.
 */
public final class BodyTooSlow extends IOException {

    /** What a person or a program is told, in plain words. */
    public static final String WORDS = "The request's body took too long to arrive; nothing was changed. Send it again, all at once.";

    public BodyTooSlow(Throwable cause) {
        super("request body not received in time", cause);
    }

    /** Whether a failure to read a body is this one. */
    public static boolean among(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooSlow) {
                return true;
            }
        }
        return false;
    }
}
