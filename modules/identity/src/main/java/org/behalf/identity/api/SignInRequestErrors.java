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
 * the request fails before the app and its return address are checked; it leaves its reason,
 * "[error code] OAuth 2.0 Parameter: name", as the error's message, which is read here and never
 * shown. So are a consent page with no sign-in in progress behind it ({@link #NO_CONSENT_IN_PROGRESS})
 * and a refused sign-out request of an app (OpenID Connect RP-Initiated Logout, {@code /connect/logout}),
 * which said "its address, headers or length are malformed" (black-box finding).
 */
public final class SignInRequestErrors {

    public static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";
    public static final String CONSENT_PAGE = "/oauth2/consent";
    public static final String LOGOUT_ENDPOINT = "/connect/logout";
    /** The consent page's refusal, and its words. */
    public static final String NO_CONSENT_IN_PROGRESS = "This page asks you to allow an app, but there is no sign-in to that app "
            + "in progress for you: it was answered already, it expired, or the address was not made by Behalf. Nothing was "
            + "shared. Go back to the app and sign in again.";
    /** A sign-in request whose address cannot be read (SECURITY-CASES 24), and its words. */
    public static final String BROKEN_ADDRESS = "The address that brought you here is broken (it has a %-escape that is not "
            + "one, or text that is not UTF-8), so Behalf cannot read what the app asked for. Nothing was shared with it. "
            + "Go back to the app and try again, or tell its makers.";
    /**
     * A sign-in request from a program rather than a browser, with nobody signed in: a browser is sent
     * to sign in; a program cannot, and was answered an empty 401 that pointed at the API's resource
     * metadata (black-box finding). Its words.
     */
    public static final String NOT_IN_A_BROWSER = "Nobody is signed in here. Signing in to an app happens in the person's "
            + "browser: open this address there, where they sign in and allow the app. Nothing was shared with it.";
    private static final Pattern REASON = Pattern.compile("^\\[([a-z_]+)] (?:OAuth 2\\.0|OpenID Connect 1\\.0 Logout Request) Parameter: ([a-z_]+)");

    private SignInRequestErrors() {
    }

    /** The message to refuse an authorization request with, as Spring words it, for a refusal made ahead of Spring. */
    public static String reason(String code, String parameter) {
        return "[" + code + "] OAuth 2.0 Parameter: " + parameter;
    }

    /** The words for the refused sign-in request being answered, or empty if the error is not one. */
    public static Optional<String> words(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message)) {
            return Optional.empty();
        }
        if (CONSENT_PAGE.equals(uri)) {
            return NO_CONSENT_IN_PROGRESS.equals(message) ? Optional.of(message) : Optional.empty();
        }
        Matcher reason = REASON.matcher(message);
        String parameter = reason.find() ? reason.group(2) : "";
        if (LOGOUT_ENDPOINT.equals(uri)) {
            return Optional.of(logout(parameter));
        }
        if (!AUTHORIZATION_ENDPOINT.equals(uri)) {
            return Optional.empty();
        }
        if (BROKEN_ADDRESS.equals(message) || NOT_IN_A_BROWSER.equals(message)) {
            return Optional.of(message);
        }
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

    private static String logout(String parameter) {
        return switch (parameter) {
            case "post_logout_redirect_uri" -> "The app that sent you here asked to sign you out and then send you to an address "
                    + "it did not register. Nothing was changed: you are still signed in. Sign out from the console instead, "
                    + "or tell the app's makers.";
            case "id_token_hint", "" -> "The app that sent you here asked to sign you out without showing that you signed in "
                    + "through it (its ID token is missing, expired or not yours). Nothing was changed: you are still signed in. "
                    + "Sign out from the console instead, or tell the app's makers.";
            default -> "The app that sent you here asked to sign you out with a request Behalf cannot use (its "
                    + parameter.replace('_', ' ') + " is missing, repeated or not allowed). Nothing was changed: you are still "
                    + "signed in. Sign out from the console instead, or tell the app's makers.";
        };
    }
}
