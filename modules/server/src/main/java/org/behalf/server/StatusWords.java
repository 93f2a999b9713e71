package org.behalf.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.behalf.kernel.BodyTooSlow;
import org.behalf.kernel.ProblemAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What an error status means, in plain words, for the answers no handler wrote: the container's
 * ({@link ContainerErrors}) and Spring Boot's error page ({@link ProblemErrors}), both as this one
 * problem document.
 */
final class StatusWords {

    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(400, "The request could not be read: its address, headers or length are malformed."),
            Map.entry(401, "This needs a sign-in or an access token."),
            Map.entry(403, "This is not allowed."),
            Map.entry(404, "There is nothing at this address."),
            Map.entry(405, "This address does not take this method."),
            Map.entry(408, BodyTooSlow.WORDS),
            Map.entry(413, "The request is too large."),
            Map.entry(414, "The address is too long."),
            Map.entry(431, "The request's headers are too large."),
            Map.entry(501, "This method is not supported."),
            Map.entry(505, "This HTTP version is not supported."));

    private StatusWords() {
    }

    /** The problem document for a status, as the fields of its JSON (its title the status's reason phrase). */
    static Map<String, Object> problem(HttpStatus status) {
        // A 405 is the type the API's own 405 has (BadInputAdvice): TRACE, which the container refuses itself, said invalid-request.
        // A 408 is the container's when it gave up waiting for a body (its read timeout): the type and words the API's own
        // 408 has (docs/api.md; black-box finding 15: "invalid-request", "The request was refused."). A 404 is the API's own
        // not-found (InvalidRequest.notFound): an unknown address under /oauth2/ said invalid-request, the field a client
        // dispatches on (RFC 9457), while its status and title said not found (black-box finding F6).
        String type = status.is5xxServerError() ? "unavailable" : status == HttpStatus.METHOD_NOT_ALLOWED ? "method-not-allowed"
                : status == HttpStatus.REQUEST_TIMEOUT ? "request-timeout" : status == HttpStatus.NOT_FOUND ? "not-found" : "invalid-request";
        ProblemDetail problem = ProblemAnswer.of(status, type,
                WORDS.getOrDefault(status.value(), status.is5xxServerError() ? "Something went wrong on our side." : "The request was refused."));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        return fields;
    }
}
