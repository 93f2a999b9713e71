package org.behalf.console.pages;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.session.StaleForms;
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
 * 4.1.2.1: they are told, not redirected); found by black-box testing on 2026-12-06. A form sent
 * after the session ended says so, with a way back ({@link StaleForms}). API clients keep their JSON answer.
 */
@Component
class BrowserErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        int code = status == null ? HttpStatus.INTERNAL_SERVER_ERROR.value() : status.value();
        String back = StaleForms.returnTo(request);
        ModelAndView page = code == HttpStatus.FORBIDDEN.value() && back != null
                ? ErrorPage.signInAgain("You were signed out", "Your session ended: you signed out elsewhere, or the page was open too long. "
                        + "Nothing was changed: what you sent was not saved. Sign in again to go back to the page and send it again.", back)
                : ErrorPage.of(code);
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
