package org.behalf.console.pages;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console address that is no page: the console's own "not found" page, in its look, instead of
 * the API's problem document (issue 18). Every other mapping is more specific than this one, so it
 * answers only what nothing else does; {@code /api/**} keeps its problem+json answers.
 */
@Controller
class MissingPage {

    @RequestMapping("/console/**")
    ModelAndView missing(HttpServletRequest request) {
        return ErrorPage.of(HttpStatus.NOT_FOUND.value());
    }
}
