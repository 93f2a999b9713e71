package org.behalf.kernel;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every problem answer of the service (RFC 9457 {@code application/problem+json}, DESIGN.md
 * section 6), built and written in one place: a type under {@code https://behalf.example/problems/},
 * a title, the detail in plain words and, for bad input, the field at fault; where several fields
 * were checked at once ({@link FieldChecks}), every field's problem in {@code errors}.
 */
public final class ProblemAnswer {

    private static final String TYPES = "https://behalf.example/problems/";

    private ProblemAnswer() {
    }

    /** One field's problem, as the extension member {@code errors} lists it: the field at fault and the words. */
    public record FieldProblem(String field, String detail) {
    }

    /** A problem titled with the status's reason phrase. */
    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        return of(status, type, status.getReasonPhrase(), null, detail);
    }

    /** A problem; {@code field} (may be null) names the input at fault. */
    public static ProblemDetail of(HttpStatus status, String type, String title, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        if (field != null && !field.isEmpty()) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /**
     * Several fields' problems found at once: {@code field} and {@code detail} are the first's, as a
     * client that reads one problem has always read them, and the extension member {@code errors}
     * (RFC 9457 section 3.2) lists them all, that one first, so that a person is told everything
     * wrong with a form in one answer.
     */
    public static ProblemDetail of(HttpStatus status, String type, String title, List<FieldProblem> problems) {
        FieldProblem first = problems.get(0);
        ProblemDetail problem = of(status, type, title, first.field(), first.detail());
        problem.setProperty("errors", List.copyOf(problems));
        return problem;
    }

    /**
     * Answers a problem from a filter or an entry point, where no handler's exception resolution
     * runs: its status, the headers given (may be null), and the document.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem, HttpHeaders headers, JsonMapper json)
            throws IOException {
        response.setStatus(problem.getStatus());
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = json.writeValueAsBytes(problem);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerTaken) {
            // A handler had begun a text answer before failing (the database went away mid-answer).
            response.getWriter().write(new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * The same answer as a page, for a browser, from a filter: plain HTML with the title and the
     * detail, built without a template or the session, since a filter answers when neither may be
     * had (a busy node, a database gone away).
     */
    public static void writePage(HttpServletResponse response, ProblemDetail problem, HttpHeaders headers) throws IOException {
        response.setStatus(problem.getStatus());
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        String title = HtmlUtils.htmlEscape(problem.getTitle() == null ? "" : problem.getTitle());
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + " \u2014 Behalf</title>"
                + "</head><body><main><h1>" + title + "</h1><p>" + HtmlUtils.htmlEscape(String.valueOf(problem.getDetail()))
                + "</p></main></body></html>";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerTaken) {
            response.getWriter().write(page);
        }
    }
}
