package org.behalf.console.session;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.behalf.console.calls.ResourceApi;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;

/**
 * Signing in to the console is the authorization code flow with PKCE S256 (RFC 7636) against the
 * authorization server of this very installation, the member already signed in on its form: the
 * console then holds tokens like any other client, and its pages obey the same rules. Spring
 * Security's client runs the flow (the authorization request at {@code /console/signin/member},
 * the state check and the code's redemption at {@code /console/callback}); this controller says
 * where it returns to, and checks whose tokens came back.
 */
@Controller
class SignInController {

    private final Bearers bearers;
    private final ResourceApi api;

    SignInController(Bearers bearers, ResourceApi api) {
        this.bearers = bearers;
        this.api = api;
    }

    /** Remembers the page to come back to (one of the console's own, SECURITY-CASES 23), then starts the flow. */
    @GetMapping("/console/signin")
    String start(HttpServletRequest request, @RequestParam(required = false) String next) {
        ConsoleSession.of(request).returnTo(SafeTarget.of(next));
        return "redirect:" + ConsoleRegistrations.SIGN_IN_BASE + "/" + ConsoleRegistrations.MEMBER;
    }

    /**
     * Where Spring Security's client sends the browser once it redeemed the code and holds the
     * tokens. A callback that still carries a code, a state or an error is one it did not accept (RFC
     * 6749 section 10.12: a callback we did not start is refused, whatever it carries): sign in again.
     * Except {@code access_denied}: the authorization server refuses the console to whoever this
     * browser is signed in as (an AI assistant, docs/agents.md: "never the console"), and would again,
     * so signing in again sent the browser round for ever (black-box finding, 2026-12-07, agents 3).
     * That is said in words, with a way out; the error's own description is not shown, as anyone can
     * send a browser to this address with one.
     */
    @GetMapping("/console/callback")
    Object callback(HttpServletRequest request, Principal member) {
        if (OAuth2ErrorCodes.ACCESS_DENIED.equals(request.getParameter("error"))) {
            return notForTheConsole();
        }
        if (request.getParameter("code") != null || request.getParameter("state") != null || request.getParameter("error") != null) {
            return "redirect:/console/signin";
        }
        ConsoleSession session = ConsoleSession.of(request);
        JsonNode profile;
        try {
            profile = api.get(request, bearers.own(request), "/api/v1/profile");
        } catch (SignInNeeded none) {
            return "redirect:/console/signin";
        }
        if (!profile.path("id").asString("").equals(member.getName())) {
            // The browser's sign-in changed while the code was on its way: trust neither.
            session.drop(ConsoleRegistrations.MEMBER);
            return "redirect:/login";
        }
        session.signedIn(member.getName(), profile.path("displayName").asString());
        String next = session.takeReturnTo();
        return "redirect:" + (next == null ? "/console" : next);
    }

    private static ModelAndView notForTheConsole() {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("status", HttpStatus.FORBIDDEN.value());
        page.addObject("heading", "This account does not open the console");
        page.addObject("words", "Behalf did not sign you in to the console with the account you signed in with. "
                + "An AI assistant's handle and password never open it: the person who runs the assistant manages it "
                + "from their own account. Sign out, then sign in with your own.");
        page.addObject("signOut", true);
        return page;
    }

    @PostMapping("/console/signout")
    String signOut(HttpServletRequest request) {
        bearers.revokeAll(request);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?logout";
    }
}
