package org.behalf.kernel;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

    protected InvalidRequest(HttpStatus status, String type, String title, String field, String detail) {
        super(status, problem(status, type, title, field, detail), null);
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
        response.setStatus(getStatusCode().value());
        getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = json.writeValueAsBytes(getBody());
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerTaken) {
            // A handler had begun a text answer before failing (the database went away mid-answer).
            response.getWriter().write(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://behalf.example/problems/" + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
