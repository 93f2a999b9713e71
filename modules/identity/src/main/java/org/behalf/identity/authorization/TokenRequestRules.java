package org.behalf.identity.authorization;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Rules of a token request that Spring Authorization Server's converters let through, held ahead of
 * them (it answers null, so the request goes on to them; it throws to refuse), for what the
 * client names besides its grant (black-box findings: each was taken and quietly ignored):
 * <ul>
 * <li>RFC 6749 section 2.3: one client identity per request, so a {@code client_id} in the form
 * that is not the client that authenticated is {@code invalid_request}, not the other client's
 * request answered as this one's;</li>
 * <li>client credentials, RFC 8707 section 2: a client's own token is for the API only, so any
 * {@code resource} is a target it cannot have, {@code invalid_target}, as token exchange refuses
 * one it does not know; an API token was issued whatever it named;</li>
 * <li>client credentials, OpenID Connect Core section 3.1.2.1: {@code openid} asks for a person's
 * sign-in, and a client's own token has no person, so it is {@code invalid_scope}; such a token was
 * issued and then called "invalid, expired or revoked" at {@code /userinfo} (black-box finding F11,
 * 2026-12-07);</li>
 * <li>RFC 7636 section 4.1: a {@code code_verifier} is 43 to 128 unreserved characters
 * ({@link PkceChallengeFormat#FORM}), high in entropy; anything else is a malformed parameter,
 * {@code invalid_request} (RFC 6749 section 5.2). A verifier of one character was taken when its
 * challenge matched, and such a challenge, seen in the authorization address, can be reversed, so
 * a client with a broken PKCE step lost its protection without a word (black-box finding F7, 2026-12-07).</li>
 * </ul>
 * A client-credentials request without {@code scope} stays a token with no scopes, unlike an
 * authorization request ({@link ScopeRequired}): that is the token a Shared Signals receiver manages
 * its streams with (docs/integrators.md), and it can do nothing on a member's account.
 */
final class TokenRequestRules implements AuthenticationConverter {

    @Override
    public Authentication convert(HttpServletRequest request) {
        String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        Authentication client = SecurityContextHolder.getContext().getAuthentication();
        if (clientId != null && client instanceof OAuth2ClientAuthenticationToken authenticated
                && authenticated.getRegisteredClient() != null && !clientId.equals(authenticated.getRegisteredClient().getClientId())) {
            throw refusal(OAuth2ErrorCodes.INVALID_REQUEST, "The client_id in the form is not the client that authenticated: "
                    + "a request is made by one client, so leave it out or send the same one.");
        }
        String verifier = request.getParameter(PkceParameterNames.CODE_VERIFIER);
        if (verifier != null && !PkceChallengeFormat.FORM.matcher(verifier).matches()) {
            throw refusal(OAuth2ErrorCodes.INVALID_REQUEST,
                    "The PKCE code_verifier must be 43 to 128 letters, digits, '-', '.', '_' or '~' (RFC 7636 section 4.1).");
        }
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
            return null;
        }
        if (request.getParameter(OAuth2ParameterNames.RESOURCE) != null) {
            throw refusal("invalid_target", "A client's own token is for the Behalf API only: leave out resource (RFC 8707).");
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        if (scope != null && java.util.Arrays.asList(scope.split(" ")).contains(OidcScopes.OPENID)) {
            throw refusal(OAuth2ErrorCodes.INVALID_SCOPE, "openid is for signing a person in (an ID token, /userinfo); a client's own "
                    + "token acts for no person: leave openid out.");
        }
        return null;
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
