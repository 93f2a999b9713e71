package org.behalf.server;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.SignInRequestErrors;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error page ({@code /error}, where every {@code sendError} ends: Spring Security's
 * refusals outside the API, the firewall's, Spring Authorization Server's sign-in refusals) answers a
 * program with problem JSON in plain words (DESIGN.md section 6) instead of Boot's own
 * {@code {"timestamp", "status", "error", "path"}}; a browser still gets the console's page
 * (console's {@code BrowserErrorPages}). {@code /error} asked for directly is no page: 404, where
 * Boot answered 500 with a status of 999. Found by black-box testing on 2026-12-06.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ProblemErrors extends BasicErrorController {

    ProblemErrors(ErrorAttributes attributes, WebProperties web, List<ErrorViewResolver> resolvers) {
        super(attributes, web.getError(), resolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Map<String, Object> problem = StatusWords.problem(status);
        // A refused sign-in request is told why, as the person's page tells it (console's BrowserErrorPages).
        SignInRequestErrors.words(request).ifPresent(words -> problem.put("detail", words));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND : super.getStatus(request);
    }
}
