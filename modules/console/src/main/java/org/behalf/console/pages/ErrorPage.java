package org.behalf.console.pages;

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
}
