package org.behalf.console.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Acting;
import org.behalf.console.session.Bearers;
import org.behalf.console.session.ConsoleSession;
import org.behalf.console.session.SafeTarget;
import org.behalf.console.session.SignInNeeded;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;

/**
 * What every console page shows (who is signed in, the acting banner) and what happens when the
 * API says no while a page is being drawn: the refusal in the API's own words. First of all advice
 * for a console page's failures, so that a page is what a browser gets: the API's problem answers
 * (delegation's BadInputAdvice, ordered after this one) once answered a form sent without one of
 * its fields with JSON (found by black-box testing, 2026-12-06).
 */
@ControllerAdvice(basePackages = "org.behalf.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePageAdvice {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsolePageAdvice.class);

    private final ResourceApi api;
    private final Bearers bearers;
    private final When when;

    ConsolePageAdvice(ResourceApi api, Bearers bearers, When when) {
        this.api = api;
        this.bearers = bearers;
        this.when = when;
    }

    @ModelAttribute
    void frame(HttpServletRequest request, Model model) {
        if (request.getUserPrincipal() != null) {
            ConsoleSession session = ConsoleSession.of(request);
            model.addAttribute("me", session.displayName());
            model.addAttribute("acting", session.acting());
            // After a refused action (the flash's error), say so if the grant itself has ended.
            if (session.acting() != null && model.containsAttribute("error")) {
                model.addAttribute("actingEnded", ended(request, session.acting()));
            }
        }
        model.addAttribute("path", request.getRequestURI());
    }

    /**
     * Why acting stopped working, when it is because the grant ended: "Hana revoked your access at
     * …" (issue 18, "helpers kept in the loop"). Asked with the helper's own token, as the grant's
     * delegate; null while the grant is still active (the refusal was about a limit).
     */
    private String ended(HttpServletRequest request, Acting acting) {
        try {
            JsonNode grant = api.get(request, bearers.own(request),
                    "/api/v1/delegations/" + Ids.path(acting.grantId()) + "?role=delegate");
            String status = grant.path("status").asString();
            return switch (status) {
                case "revoked" -> acting.holderName() + " revoked your access at " + when.text(grant.path("endedAt").asString(""))
                        + " (" + when.relative(grant.path("endedAt").asString("")) + "). Stop acting to go back to your own account.";
                case "expired" -> "Your access to " + acting.holderName() + "'s account ended at "
                        + when.text(grant.path("expiresAt").asString("")) + ". Stop acting to go back to your own account.";
                case "active", "pending" -> null;
                default -> "Your access to " + acting.holderName() + "'s account has ended (" + status + ").";
            };
        } catch (Refusal unknown) {
            if (unknown.unauthorized()) {
                throw unknown;
            }
            return null;
        }
    }

    /**
     * The console holds no working token for this browser (revoked, run out, or spent by another tab's
     * renewal, docs/console.md "Tokens"): the member signs in to the console again. A page asked for is
     * asked for again afterwards. A form is not redirected: that took the person to the start page and
     * what they had typed was gone (left over from black-box finding "console 9", whose fix covered a
     * session that ended, not the console's tokens alone). It is answered as a form sent after its session
     * ended is ({@link org.behalf.console.session.StaleForms}): nothing was changed, and signing in again
     * goes back to the form's page, where the tab puts back what was typed, not sent. "Nothing was changed"
     * holds: a form's one change is its last call to the API (a read before it, or the form drawn again
     * after a refusal), so a call that found no working token came before any change.
     */
    @ExceptionHandler(SignInNeeded.class)
    ModelAndView signInAgain(HttpServletRequest request) {
        if ("GET".equals(request.getMethod())) {
            return new ModelAndView("redirect:" + SafeTarget.signInBackTo(request.getRequestURI()));
        }
        return framed(ErrorPage.signInAgain("Sign in again to continue", "The console's access to your account had ended: "
                + "it was ended from another device or another tab, or it ran out. Nothing was changed: what you sent was not "
                + "saved. Sign in again to go back to the page and send it again.", SafeTarget.formPage(request)), request);
    }

    /**
     * Anything else a page could not survive: the console's error page, never a stack trace or the
     * API's problem document; a status the exception carries (a form missing a field: 400) is kept.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletRequest request) {
        int status = failure instanceof org.springframework.web.ErrorResponse known ? known.getStatusCode().value() : 500;
        if (status >= 500) {
            LOG.error("Console page {} failed", request.getRequestURI(), failure);
        }
        return framed(ErrorPage.of(status), request);
    }

    /** What {@link #frame} gives a page, for a page drawn by a handler of failures (the model's attributes are not). */
    private static ModelAndView framed(ModelAndView page, HttpServletRequest request) {
        if (request.getUserPrincipal() != null) {
            ConsoleSession session = ConsoleSession.of(request);
            page.addObject("me", session.displayName());
            page.addObject("acting", session.acting());
        }
        page.addObject("path", request.getRequestURI());
        return page;
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal, HttpServletRequest request, HttpServletResponse response) {
        if (refusal.unauthorized()) {
            return signInAgain(request);
        }
        ModelAndView page = new ModelAndView("console/refused");
        page.addObject("message", refusal.getMessage());
        page.addObject("path", request.getRequestURI());
        ConsoleSession session = ConsoleSession.of(request);
        page.addObject("me", session.displayName());
        page.addObject("acting", session.acting());
        if (session.acting() != null) {
            page.addObject("actingEnded", ended(request, session.acting()));
        }
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(refusal.status()));
        if (refusal.retryAfter() != null) {
            // docs/security.md rule 41: a shed request says when to come back, on a page as in the API.
            response.setHeader("Retry-After", refusal.retryAfter());
        }
        return page;
    }
}
