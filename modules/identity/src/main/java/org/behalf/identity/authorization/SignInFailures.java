package org.behalf.identity.authorization;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.identity.signin.SignInThrottled;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Where a failed sign-in goes. A wrong name, password or code goes back to the form with one
 * message for all of them (SECURITY-CASES 27). A sign-in the throttle refused is answered 429 with
 * {@code Retry-After} (SECURITY-CASES 37) and the sign-in page saying to wait, drawn in the same
 * answer: a redirect would have answered 302, and the person was told their password did not work
 * while even the right one could not.
 */
class SignInFailures implements AuthenticationFailureHandler {

    /** The page of a throttled sign-in, reached only by this handler's forward. */
    static final String THROTTLED = "/login/throttled";
    static final String WAIT_MINUTES = "behalf.signIn.waitMinutes";

    /** The handle or e-mail typed at a refused sign-in, for the form drawn after the redirect (never the password). */
    static final String TYPED_USERNAME = "behalf.signIn.typedUsername";

    private final AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        if (!(failure instanceof SignInThrottled throttled)) {
            // The form comes back with the name as typed, so a wrong code is not a handle to type again
            // (black-box finding, 2026-12-07): it tells nothing the person did not just type, and the
            // message stays the same for every cause (SECURITY-CASES 27).
            String username = request.getParameter("username");
            if (username != null && !username.isBlank() && username.length() <= 320) {
                request.getSession().setAttribute(TYPED_USERNAME, username.strip());
            }
            wrong.onAuthenticationFailure(request, response, failure);
            return;
        }
        long seconds = Math.max(1, throttled.retryAfter().toSeconds());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        request.setAttribute(WAIT_MINUTES, (seconds + 59) / 60);
        request.getRequestDispatcher(THROTTLED).forward(request, response);
    }
}
