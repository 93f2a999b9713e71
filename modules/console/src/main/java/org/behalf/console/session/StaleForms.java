package org.behalf.console.session;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A console form sent after its session ended (it timed out, or the person signed out in another
 * tab) carries a CSRF token the server no longer has, and Spring Security refuses it before any page
 * runs. It was answered "The page was asked for something it cannot do", which told the person
 * neither that they had been signed out nor that nothing was saved (black-box testing, 2026-12-06).
 * The refusal stays a 403 that changes nothing; this marks it, with the page to come back to, for
 * the error page ({@code BrowserErrorPages}) to say so and offer to sign in again.
 * <p>
 * What the form carried is not kept here: the session it belonged to is gone, so nothing says whose
 * text it is but the form's own {@code _account}, which a form another site makes the browser send
 * (it has no CSRF token either) would carry just as well, and the person would find that text in
 * their form as if they had typed it. The tab keeps it instead ({@code /assets/kept-forms.js}, in its
 * sessionStorage, written only by our script on our pages) and puts it back, not sent, into the same
 * form once its account has signed in again (black-box finding "console 9": they came back to an empty form).
 * A form sent while the session lives but the console's tokens have ended is answered the same way by
 * the page that could not call the API ({@code ConsolePageAdvice}).
 */
public final class StaleForms implements AccessDeniedHandler {

    private static final String RETURN_TO = StaleForms.class.getName() + ".returnTo";

    private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof CsrfException) {
            request.setAttribute(RETURN_TO, SafeTarget.formPage(request));
        }
        otherwise.handle(request, response, denied);
    }

    /** The console page to come back to after signing in again, when a stale form was refused; null otherwise. */
    public static String returnTo(HttpServletRequest request) {
        return request.getAttribute(RETURN_TO) instanceof String page ? page : null;
    }
}
