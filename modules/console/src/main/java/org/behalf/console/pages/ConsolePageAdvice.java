package org.behalf.console.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Refusal;
import org.behalf.console.session.ConsoleSession;
import org.behalf.console.session.SafeTarget;
import org.behalf.console.session.SignInNeeded;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every console page shows (who is signed in, the acting banner) and what happens when the
 * API says no while a page is being drawn: the refusal in the API's own words.
 */
@ControllerAdvice(basePackages = "org.behalf.console")
class ConsolePageAdvice {

    @ModelAttribute
    void frame(HttpServletRequest request, Model model) {
        if (request.getUserPrincipal() != null) {
            ConsoleSession session = ConsoleSession.of(request);
            model.addAttribute("me", session.displayName());
            model.addAttribute("acting", session.acting());
        }
        model.addAttribute("path", request.getRequestURI());
    }

    @ExceptionHandler(SignInNeeded.class)
    String signInAgain(HttpServletRequest request) {
        String back = "GET".equals(request.getMethod()) ? request.getRequestURI() : "/console";
        return "redirect:" + UriComponentsBuilder.fromPath("/console/signin").queryParam("next", SafeTarget.of(back))
                .encode().build().toUriString();
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal, HttpServletRequest request, HttpServletResponse response) {
        if (refusal.unauthorized()) {
            return new ModelAndView(signInAgain(request));
        }
        ModelAndView page = new ModelAndView("console/refused");
        page.addObject("message", refusal.getMessage());
        page.addObject("path", request.getRequestURI());
        ConsoleSession session = ConsoleSession.of(request);
        page.addObject("me", session.displayName());
        page.addObject("acting", session.acting());
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(refusal.status()));
        return page;
    }
}
