package org.behalf.identity.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Why Spring Authorization Server refused a sign-in request (its authorization endpoint) without
 * sending the person back to the app, in plain words for the error page a browser or a program
 * gets. It refuses so when it cannot trust where to send them (RFC 6749 section 4.1.2.1) and when
 * the request fails before the app and its return address are checked, a {@code response_type}
 * other than {@code code} among them; it leaves its reason, "[error code] OAuth 2.0 Parameter:
 * name", as the error's message, which is read here and never shown.
 */
public final class SignInRequestErrors {

    public static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";
    private static final Pattern REASON = Pattern.compile("^\\[([a-z_]+)] OAuth 2\\.0 Parameter: ([a-z_]+)");

    private SignInRequestErrors() {
    }

    /** The words for the refused sign-in request being answered, or empty if the error is not one. */
    public static Optional<String> words(HttpServletRequest request) {
        if (!AUTHORIZATION_ENDPOINT.equals(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                || !(request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message)) {
            return Optional.empty();
        }
        Matcher reason = REASON.matcher(message);
        String parameter = reason.find() ? reason.group(2) : "";
        return Optional.of(switch (parameter) {
            case "response_type" -> "The app that sent you here asked to sign you in a way Behalf does not offer: only with an "
                    + "authorization code (response_type=code). Nothing was shared with it. Tell the app's makers.";
            case "client_id", "redirect_uri", "" -> "The app that sent you here asked to sign you in, but Behalf does not know "
                    + "the app, or the address it wants you sent back to is not one it registered. Nothing was shared with it. "
                    + "Go back to the app and try again, or tell its makers.";
            default -> "The app that sent you here asked to sign you in with a request Behalf cannot use (its "
                    + parameter.replace('_', ' ') + " is missing, repeated or not allowed). Nothing was shared with it. "
                    + "Go back to the app and try again, or tell its makers.";
        });
    }
}
