package org.behalf.server;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address where nothing is (no handler, no static file) is the error page's 404
 * ({@link ProblemErrors}: problem JSON in plain words for a program, the console's page for a
 * browser), like every other refusal that no handler wrote. Spring's own answer named its internals
 * ("No static resource oauth2/par.") and had no problem type (found by black-box testing).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownAddresses {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }
}
