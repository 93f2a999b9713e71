package org.behalf.identity.authorization;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sign-in page: a plain HTML form posting {@code username} (handle or e-mail), {@code password}
 * and the CSRF field to {@code /login} (DESIGN.md section 5). A failure says only that the
 * combination did not work, never which half (SECURITY-CASES 27).
 */
@Controller
class SignInPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signIn(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                  @RequestParam(required = false) String created, @RequestParam(required = false) String ended) {
        String notice = error != null ? "<p class=\"notice error\">That handle or e-mail, password or code did not work.</p>"
                : ended != null ? "<p class=\"notice\" id=\"ended\">Every session of your account has ended, this one too: "
                        + "sign in again (with your new password, if you changed it).</p>"
                : logout != null ? "<p class=\"notice\">You are signed out.</p>"
                : created != null ? "<p class=\"notice\">Your account is ready: sign in.</p>" : "";
        return Pages.page("Sign in to Behalf", notice
                + "<form method=\"post\" action=\"/login\">"
                + "<label>Handle or e-mail <input type=\"text\" name=\"username\" autocomplete=\"username\" required autofocus></label>"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>"
                + "<label>One-time code <span class=\"muted\">(only if you turned on two-step sign-in; a recovery code "
                + "works too)</span> <input type=\"text\" name=\"code\" autocomplete=\"one-time-code\" maxlength=\"40\"></label>"
                + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken() + "\">"
                + "<button type=\"submit\">Sign in</button></form>"
                + "<p><a href=\"/console/password-reset\" id=\"forgot\">Forgot your password?</a></p>"
                + "<p>No account yet? <a href=\"/console/signup\">Create one</a>.</p>");
    }
}
