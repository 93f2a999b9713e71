package org.behalf.identity.authorization;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The sign-in page (template {@code identity/sign-in}): a plain HTML form posting {@code username}
 * (handle or e-mail), {@code password}, an optional one-time code and the CSRF field (added by the
 * form's {@code th:action}) to {@code /login} (DESIGN.md section 5). A failure says only that the
 * combination did not work, never which half (SECURITY-CASES 27); a throttled one, to wait.
 */
@Controller
class SignInPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String signIn(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignInFailures.TYPED_USERNAME) instanceof String typed) {
            // Once: the refused sign-in's own answer, not every later visit to the form.
            session.removeAttribute(SignInFailures.TYPED_USERNAME);
            if (request.getParameter("error") != null) {
                model.addAttribute("username", typed);
            }
        }
        return "identity/sign-in";
    }

    /**
     * The form again, saying to wait, for a sign-in the throttle refused ({@link SignInFailures}
     * forwards the POST here with the status and {@code Retry-After} set); typed in by hand, the
     * plain form.
     */
    @RequestMapping(value = SignInFailures.THROTTLED, produces = MediaType.TEXT_HTML_VALUE)
    String throttled(HttpServletRequest request, Model model) {
        Object minutes = request.getAttribute(SignInFailures.WAIT_MINUTES);
        if (minutes == null) {
            return "redirect:/login";
        }
        model.addAttribute("waitMinutes", minutes);
        String typed = request.getParameter("username");
        if (typed != null && typed.length() <= 320) {
            model.addAttribute("username", typed.strip());
        }
        return "identity/sign-in";
    }
}
