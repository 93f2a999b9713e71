package org.behalf.console.calls;

import java.util.ArrayList;
import java.util.List;

import org.behalf.kernel.Unavailable;

/**
 * The resource API or the token endpoint said no: its status and the words it gave (the problem
 * document's {@code detail}, or OAuth's {@code error_description}), said with the field's name in
 * plain words ({@link FieldNames}), and the API's name of the field at fault, if it named one, so
 * that a form can show the words next to that field.
 */
public class Refusal extends RuntimeException {

    private final int status;
    private final String field;
    private final String detail;
    private final String retryAfter;
    private final List<Refusal> others;

    public Refusal(int status, String message) {
        this(status, message, null, message);
    }

    /** The service or its database did not answer: try again after {@link Unavailable#DATABASE_RETRY_AFTER}. */
    public static Refusal unavailable(String message) {
        return new Refusal(503, message, null, message, Long.toString(Unavailable.DATABASE_RETRY_AFTER.toSeconds()));
    }

    /** A refusal the console words itself, belonging to the API's field of that name. */
    public Refusal(int status, String message, String field) {
        this(status, message, field, message);
    }

    Refusal(int status, String message, String field, String detail) {
        this(status, message, field, detail, null);
    }

    Refusal(int status, String message, String field, String detail, String retryAfter) {
        this(status, message, field, detail, retryAfter, List.of());
    }

    Refusal(int status, String message, String field, String detail, String retryAfter, List<Refusal> others) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.others = List.copyOf(others);
    }

    /**
     * Every problem the API named: this one, then the others a whole form's check found (the problem
     * document's {@code errors}, docs/api.md), each as a refusal of its own field, so that a form puts
     * each next to its field ({@code Typed}).
     */
    public List<Refusal> all() {
        List<Refusal> all = new ArrayList<>(1 + others.size());
        all.add(this);
        all.addAll(others);
        return all;
    }

    /** When to try again, as the API's {@code Retry-After} said it (a busy node, a database gone), or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** The API's name of the field at fault (RFC 9457 extension member {@code field}), or null. */
    public String field() {
        return field;
    }

    /** The API's words alone, without the field's plain name in front. */
    public String detail() {
        return detail;
    }

    public int status() {
        return status;
    }

    /** 401: the token no longer works (revoked, expired, or the session ended elsewhere). */
    public boolean unauthorized() {
        return status == 401;
    }
}
