package org.behalf.kernel;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the API refuses without changing anything, answered as RFC 9457
 * {@code application/problem+json} naming the field at fault (DESIGN.md section 6).
 */
public class InvalidRequest extends ErrorResponseException {

    public InvalidRequest(String field, String detail) {
        this(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field, detail);
    }

    /** 400 for several fields at once ({@link FieldChecks}): the first named in {@code field}, all in {@code errors}. */
    public InvalidRequest(List<ProblemAnswer.FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, ProblemAnswer.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", problems), null);
    }

    protected InvalidRequest(HttpStatus status, String type, String title, String field, String detail) {
        super(status, ProblemAnswer.of(status, type, title, field, detail), null);
    }

    /**
     * 400 for a change that sets nothing ({@code {}}, or only {@code null}s), held for review or not: there is nothing
     * for the holder to review and nothing to do; done, it answered the whole record to a caller that may not read it
     * (black-box finding, 2026-12-07). One refusal, in one place, for every module's edits and the delegation's review.
     */
    public static InvalidRequest setsNothing() {
        return new InvalidRequest(null, "This change sets nothing: name at least one field and its new value.");
    }

    /** 409: the request is well-formed but the resource is not in a state that allows it. */
    public static InvalidRequest conflict(String detail) {
        return new InvalidRequest(HttpStatus.CONFLICT, "conflict", "Conflict", null, detail);
    }

    /** 403: the caller is known, and this is not theirs to do. */
    public static InvalidRequest forbidden(String detail) {
        return new InvalidRequest(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", null, detail);
    }

    /** 404, identical whether the resource does not exist or belongs to someone else (SECURITY-CASES 20). */
    public static InvalidRequest notFound() {
        return new InvalidRequest(HttpStatus.NOT_FOUND, "not-found", "Not found", null, "No such resource.");
    }

    /** Answers this refusal from a filter, where no handler's exception resolution runs. */
    public void write(HttpServletResponse response, JsonMapper json) throws IOException {
        ProblemAnswer.write(response, getBody(), getHeaders(), json);
    }

    /** As {@link #write(HttpServletResponse, JsonMapper)}, but as a page to a browser (a request that asks for HTML). */
    public void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            ProblemAnswer.writePage(response, getBody(), getHeaders());
        } else {
            write(response, json);
        }
    }
}
