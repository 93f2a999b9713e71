package org.behalf.delegation.enforcement;

import java.util.stream.Collectors;

import org.behalf.kernel.InvalidRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns unreadable request bodies into a problem answer that names the field (DESIGN.md section 6),
 * without echoing parser internals. Unknown fields are refused, not ignored (SECURITY-CASES 21).
 * Ahead of Spring's generic problem handler, which would only say "Failed to read request".
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BadInputAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return problem(path(unknown), "Unknown field: " + unknown.getPropertyName() + ". It cannot be set here.");
        }
        if (e.getCause() instanceof InvalidFormatException format && UnicodeText.NOT_UNICODE.equals(format.getOriginalMessage())) {
            return problem(path(format), "This text has a broken character (half of an emoji or symbol); type it again.");
        }
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            return problem(path(json), "This field has the wrong type or format.");
        }
        return problem(null, "The body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(e.getName(), "This parameter has the wrong type or format.");
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ProblemDetail problem(String field, String detail) {
        return new InvalidRequest(field, detail).getBody();
    }
}
