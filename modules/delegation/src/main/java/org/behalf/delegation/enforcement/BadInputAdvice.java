package org.behalf.delegation.enforcement;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.delegation.api.PlainWords;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.ProblemAnswer;
import org.behalf.kernel.WholeNumbers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns unreadable request bodies, and requests of the wrong shape (a missing parameter, a method or
 * media type the address does not take), into a problem answer in plain words that names the field
 * where there is one (DESIGN.md section 6), without echoing parser or framework internals. Unknown fields are refused, not ignored (SECURITY-CASES 21).
 * Ahead of Spring's generic problem handler, which would only say "Failed to read request".
 */
@RestControllerAdvice
// After the console's own advice, which answers its pages' failures with a page; before Spring's defaults.
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BadInputAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return problem(path(unknown), "Unknown field: " + unknown.getPropertyName() + ". It cannot be set here.");
        }
        if (e.getCause() instanceof InvalidFormatException format && UnicodeText.NOT_UNICODE.equals(format.getOriginalMessage())) {
            return problem(path(format), "This text has a broken character (half of an emoji or symbol); type it again.");
        }
        if (e.getCause() instanceof StreamReadException read && read.getOriginalMessage() != null
                && read.getOriginalMessage().startsWith("Duplicate ")) {
            // STRICT_DUPLICATE_DETECTION (OneValuePerField) names the field only in its message.
            return problem(duplicated(read), "This field is given twice; give it once.");
        }
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            return problem(path(json), "This field has the wrong type or format.");
        }
        return problem(null, "The body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType() == null ? Object.class : org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(e.getRequiredType());
        if (type == Integer.class || type == Long.class) {
            return problem(e.getName(), WholeNumbers.refusal(e.getValue()));
        }
        return problem(e.getName(), "This parameter has the wrong type or format.");
    }

    // Spring's own answers to the four below named Java values ("Content-Type 'null' is not
    // supported.", "Required parameter 'holder' is not present.") and had no problem type (found by
    // black-box testing, 2026-12-06).

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(e.getParameterName(), "This parameter is required.");
    }

    /**
     * A parameter whose value picks the handler ({@code role=holder|delegate}) given another value:
     * Spring's answer was "Invalid request parameters." with no type and no field (black-box finding,
     * 2026-12-07); it names the parameter and the values it takes.
     */
    @ExceptionHandler(UnsatisfiedServletRequestParameterException.class)
    ProblemDetail unsatisfied(UnsatisfiedServletRequestParameterException e) {
        Map<String, Set<String>> taken = new TreeMap<>();
        e.getParamConditionGroups().forEach(group -> Arrays.stream(group).filter(c -> c.contains("=") && !c.contains("!="))
                .forEach(condition -> taken.computeIfAbsent(condition.substring(0, condition.indexOf('=')), name -> new TreeSet<>())
                        .add(condition.substring(condition.indexOf('=') + 1))));
        if (taken.size() != 1) {
            return problem(null, "The address's parameters do not fit any request it takes.");
        }
        Map.Entry<String, Set<String>> parameter = taken.entrySet().iterator().next();
        return problem(parameter.getKey(), "This parameter is " + PlainWords.or(List.copyOf(parameter.getValue())) + ".");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        return answer(e, "method-not-allowed", "This address does not take " + e.getMethod()
                + (allowed.isEmpty() ? "." : "; it takes " + allowed + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        // The header as sent: Spring's parsed type said application/octet-stream for none, "no Content-Type" for one it
        // could not parse, and added a charset nobody sent (black-box finding, 2026-12-07).
        return answer(e, "unsupported-media-type", notTaken(request.getHeader("Content-Type"), types(e.getSupportedMediaTypes())));
    }

    /** A body of a type an address does not take, in the words of every such refusal (also a held change's: AccessInterceptor). */
    static String notTaken(String sent, String takes) {
        return (sent == null ? "The body has no Content-Type" : "The body is " + sent)
                + (takes.isEmpty() ? "; this address takes no body." : "; this address takes " + takes + ".");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, jakarta.servlet.http.HttpServletRequest request) {
        String answers = types(e.getSupportedMediaTypes());
        String types = answers.isEmpty() ? "" : " (" + answers + ")";
        return answer(e, "not-acceptable", AcceptedAnswers.unreadable(request.getHeader(org.springframework.http.HttpHeaders.ACCEPT))
                ? "The Accept header cannot be read: it is not a list of media types such as application/json" + types + "."
                : "The Accept header asks for a type this address does not answer in" + types + ".");
    }

    /** Spring's refusal answered with its own status and headers ({@code Allow}, {@code Accept}), in these words. */
    private static ResponseEntity<ProblemDetail> answer(ErrorResponse e, String type, String detail) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return ResponseEntity.status(status).headers(e.getHeaders()).body(ProblemAnswer.of(status, type, detail));
    }

    private static String types(List<MediaType> types) {
        return types.stream().map(MediaType::toString).distinct().collect(Collectors.joining(" or "));
    }

    /** The field a duplicate names: Jackson's message is {@code Duplicate Object property "name"}. */
    private static String duplicated(StreamReadException e) {
        String message = e.getOriginalMessage();
        int open = message.indexOf('"');
        int close = message.lastIndexOf('"');
        String field = open >= 0 && close > open ? message.substring(open + 1, close) : null;
        String at = path(e);
        return at.isEmpty() ? field : field == null ? at : at + "." + field;
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
