package org.behalf.console.calls;

/**
 * The resource API or the token endpoint said no: its status and the words it gave (the problem
 * document's {@code detail}, or OAuth's {@code error_description}), which the page shows as they are.
 */
public class Refusal extends RuntimeException {

    private final int status;

    public Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 401: the token no longer works (revoked, expired, or the session ended elsewhere). */
    public boolean unauthorized() {
        return status == 401;
    }
}
