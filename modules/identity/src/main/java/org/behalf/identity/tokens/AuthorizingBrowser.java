package org.behalf.identity.tokens;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.signin.Devices;
import org.behalf.identity.signin.ThrottledSignIn;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a sign-in through OAuth was given: the device in words and the address of the browser that
 * asked the authorization endpoint, kept with the authorization under the names a browser's own
 * sign-in keeps them ({@link ThrottledSignIn}), for the member's list of where they are signed in.
 * Without them every console and app session read "not recorded", and a member could not tell the
 * phone's console from the desktop's before ending one (black-box finding, console 20, 2026-12-07).
 * Later saves (the code exchanged, a refresh) come from the app's server, not the browser: the first
 * browser's words stay.
 */
final class AuthorizingBrowser {

    private static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";

    private AuthorizingBrowser() {
    }

    static void note(OAuth2Authorization authorization, OAuth2Authorization.Builder stored) {
        if (authorization.getAttribute(ThrottledSignIn.SIGNED_IN_DEVICE) != null
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        if (AUTHORIZATION_ENDPOINT.equals(request.getServletPath())) {
            stored.attribute(ThrottledSignIn.SIGNED_IN_DEVICE, Devices.describe(request.getHeader("User-Agent")));
            stored.attribute(ThrottledSignIn.SIGNED_IN_ADDRESS, request.getRemoteAddr());
        }
    }
}
