package org.behalf.identity.authorization;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A redirect URI is one the client registered, compared as a string (RFC 6749 section 3.1.2; RFC
 * 9700 section 4.1.3; docs/security.md rule 11), where only a loopback URI registered without a
 * port may name one: RFC 8252 section 7.3, "the authorization server MUST allow any port to be
 * specified" and nothing else to differ. Spring Authorization Server compared the loopback forms
 * after parsing them, so {@code HTTP://127.0.0.1:9999/callback}, {@code //callback}, a trailing
 * {@code ?} or {@code #}, an empty port, port 0 and port 99999 (an invalid {@code Location}) all
 * passed (black-box finding). A mismatch is refused with no redirect URI, so that it is a page
 * here and never a redirect ({@link IssuerInAuthorizationResponse}).
 */
final class RegisteredRedirect implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    /** A registered loopback literal (RFC 8252 section 7.3: not "localhost"): scheme and host, any port, then the rest. */
    private static final Pattern LOOPBACK = Pattern.compile("(http://(?:127\\.0\\.0\\.1|\\[::1]))(?::[0-9]+)?(/.*)?");
    private static final Pattern PORT = Pattern.compile(":([1-9][0-9]{0,4})");

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        if (requested == null || requested.isEmpty()) {
            // None sent: Spring's rule (the one registered URI, and never for OpenID Connect).
            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
            return;
        }
        if (!matches(context.getRegisteredClient(), requested)) {
            OAuth2AuthorizationCodeRequestAuthenticationToken refused = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                    request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                    null, request.getState(), request.getScopes(), request.getAdditionalParameters());
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "The redirect_uri is not one the client registered.", null), refused);
        }
    }

    /** Whether {@code requested} is one of the client's redirect URIs, or a loopback one of them with a port added. */
    static boolean matches(RegisteredClient client, String requested) {
        if (client.getRedirectUris().contains(requested)) {
            return true;
        }
        for (String registered : client.getRedirectUris()) {
            Matcher loopback = LOOPBACK.matcher(registered);
            if (loopback.matches() && requested.startsWith(loopback.group(1))) {
                String rest = loopback.group(2) == null ? "" : loopback.group(2);
                String between = requested.substring(loopback.group(1).length());
                if (between.endsWith(rest)) {
                    Matcher port = PORT.matcher(between.substring(0, between.length() - rest.length()));
                    if (port.matches() && Integer.parseInt(port.group(1)) <= 65535) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
