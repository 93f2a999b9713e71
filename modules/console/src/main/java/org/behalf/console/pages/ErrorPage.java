package org.behalf.console.pages;

import org.behalf.console.session.SafeTarget;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

/** The console's page for "no such page" and "something went wrong", in plain words and its look. */
final class ErrorPage {

    private ErrorPage() {
    }

    static ModelAndView of(int status) {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(HttpStatusCode.valueOf(status));
        page.addObject("status", status);
        if (status == 404) {
            page.addObject("heading", "There is no such page");
            page.addObject("words", "The address may be mistyped, or the page has moved. Everything in the console is reachable from the menu at the top.");
        } else if (status >= 500) {
            page.addObject("heading", "Something went wrong on our side");
            page.addObject("words", "Nothing you typed was lost on purpose, but this page could not be shown. Go back and try again in a moment.");
        } else {
            page.addObject("heading", "That could not be done");
            page.addObject("words", "The page was asked for something it cannot do. Go back and try again from the menu.");
        }
        return page;
    }

    /**
     * A form that was not done because the person must sign in first, said with a way back: signing in
     * again returns to the page the form was on, where /assets/kept-forms.js puts back what was typed
     * (it keeps it on seeing this page's note, error.html's {@code kept-note}). 403, as the refusal of a
     * stale form's CSRF token is: nothing was changed.
     */
    static ModelAndView signInAgain(String heading, String words, String formPage) {
        ModelAndView page = of(403);
        page.addObject("heading", heading);
        page.addObject("words", words);
        page.addObject("signIn", SafeTarget.signInBackTo(formPage));
        return page;
    }
}
