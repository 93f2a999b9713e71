package org.behalf.delegation.enforcement;

import java.lang.reflect.Type;

import org.behalf.kernel.InvalidRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A request body that {@link ReadBody} cut off at its bound is refused whole, 413, before any
 * endpoint reads it as JSON (SECURITY-CASES 24: oversized input gets a 4xx and changes nothing).
 * What is left of such a body is its first 2 MiB, which may well be a complete JSON object followed
 * by nothing but spaces: a PATCH of 3 MiB whose end was not JSON at all was applied (found by
 * black-box testing, 2026-12-06). Endpoints that read the body themselves (a contacts import)
 * answer their own 413.
 */
@ControllerAdvice
class OversizedBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        // The message here is Spring's wrapper of the request, not the servlet request itself.
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && ReadBody.cutOff(request.getRequest())) {
            throw new TooLarge();
        }
        return input;
    }

    /** The 413 problem, in the words of the import's own. */
    static final class TooLarge extends InvalidRequest {

        TooLarge() {
            super(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Content too large", null,
                    "The request is larger than " + ReadBody.MAX_BYTES / (1024 * 1024) + " MiB; nothing was changed.");
        }
    }
}
