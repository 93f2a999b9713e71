package org.behalf.identity.authorization;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page (template {@code identity/sign-in}): a plain HTML form posting {@code username}
 * (handle or e-mail), {@code password}, an optional one-time code and the CSRF field (added by the
 * form's {@code th:action}) to {@code /login} (DESIGN.md section 5). A failure says only that the
 * combination did not work, never which half (SECURITY-CASES 27).
 */
@Controller
class SignInPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String signIn() {
        return "identity/sign-in";
    }
}
