package org.behalf.console.session;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every console page needs the console's own tokens for the member signed in on this browser; when
 * it has none (first visit, or someone else signed in since), the page starts the console sign-in
 * and comes back afterwards.
 */
public class ConsoleAccess implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Principal member = request.getUserPrincipal();
        if (member != null && ConsoleSession.of(request).signedInAs(member.getName())) {
            return true;
        }
        String back = "GET".equals(request.getMethod())
                ? request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
                : "/console";
        response.sendRedirect(SafeTarget.signInBackTo(back));
        return false;
    }
}
