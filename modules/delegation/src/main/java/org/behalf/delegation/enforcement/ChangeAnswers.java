package org.behalf.delegation.enforcement;

import java.util.Map;
import java.util.Optional;

import org.behalf.delegation.api.ReadingAnswer;
import org.behalf.delegation.api.Scope;
import org.behalf.kernel.Callers;
import org.behalf.kernel.ResourceAccess;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a change answers a caller whose token may change records but not read them: the changed
 * record's id, never the record. Reading and changing are separate scopes (DESIGN.md section 4;
 * docs/delegation.md, "scopes never widen"; docs/security.md rule 5), and the answer to a change
 * is the record as stored, the fields it did not set included: a helper with {@code contacts:write}
 * alone read a whole contact, notes and e-mails, as the answer to {@code PATCH {}}, and one with
 * {@code profile:write} alone the private fields of the profile (black-box finding, 2026-12-07).
 *
 * <p>One place for every endpoint, as the access is declared in one place: the declared scope's
 * reading scope ({@link Scope#readBy()}) decides, whoever the caller is (holder, delegate or app).
 * An answer that is no record but tells what was stored (an import's report) says what its
 * {@link ReadingAnswer} says without reading; any other answer without an id is left as it is. The
 * activity entry is what the change noted, so it is the same either way.
 */
@RestControllerAdvice
class ChangeAnswers implements ResponseBodyAdvice<Object> {

    private final Callers callers;
    private final JsonMapper json;

    ChangeAnswers(Callers callers, JsonMapper json) {
        this.callers = callers;
        this.json = json;
    }

    /** Only a handler's own answer: problem answers come from the advice's handlers, which declare no access. */
    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(ResourceAccess.class);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null) {
            return null;
        }
        Optional<Scope> reading = Scope.of(returnType.getMethodAnnotation(ResourceAccess.class).scope()).flatMap(Scope::readBy);
        if (reading.isEmpty() || callers.current().map(caller -> caller.hasScope(reading.get().value())).orElse(true)) {
            return body;
        }
        if (body instanceof ReadingAnswer reads) {
            return reads.withoutReading();
        }
        JsonNode answer = json.valueToTree(body);
        JsonNode id = answer.path("id");
        return id.isString() ? Map.of("id", id.asString()) : body;
    }
}
