package org.behalf.console.pages;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.SignInRequestErrors;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a browser gets for an error that no console page answered: Spring Boot's error page for a
 * browser, in the console's look and plain words, instead of its "Whitelabel Error Page". The one a
 * person meets most is the sign-in an app started with a wrong client id or return address, which
 * Spring Authorization Server refuses without sending them back to the app (RFC 6749 section
 * 4.1.2.1: they are told, not redirected); found by black-box testing on 2026-12-06. API clients
 * keep their JSON answer.
 */
@Component
class BrowserErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        int code = status == null ? HttpStatus.INTERNAL_SERVER_ERROR.value() : status.value();
        ModelAndView page = ErrorPage.of(code);
        if (code == HttpStatus.BAD_REQUEST.value()) {
            SignInRequestErrors.words(request).ifPresent(words -> {
                page.addObject("heading", "This sign-in request cannot be used");
                page.addObject("words", words);
            });
        }
        page.addObject("path", model.get("path"));
        return page;
    }
}
