package org.behalf.identity.authorization;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.api.ProtectedResources;
import org.behalf.identity.api.ProtectedResources.Target;

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
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Rules of a token request that Spring Authorization Server's converters let through, held ahead of
 * them (it answers null, so the request goes on to them; it throws to refuse), for what the
 * client names besides its grant (black-box findings: each was taken and quietly ignored):
 * <ul>
 * <li>RFC 6749 section 2.3: one client identity per request, so a {@code client_id} in the form
 * that is not the client that authenticated is {@code invalid_request}, not the other client's
 * request answered as this one's;</li>
 * <li>RFC 8707 section 2, for the code, refresh and client-credentials grants alike (the token
 * exchange checks the same in the delegation module): {@code resource} may name the API (its
 * identifier, {@link ProtectedResources#named}), once; anything else is {@code invalid_target}.
 * The MCP server takes only delegation tokens, so a client's own token cannot be for it; a sign-in
 * may name it, as an MCP client does (MCP specification, "Resource Parameter"), and gets the token
 * it exchanges a grant with, for the API. The code flow ignored {@code resource}, and client
 * credentials refused the API's own identifier (black-box finding F17, 2026-12-07);</li>
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

    /** The grants whose {@code resource} is read here; the token exchange reads its own (DelegationExchangeProvider). */
    private static final Set<String> RESOURCE_GRANTS = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

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
        String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
        String[] resources = request.getParameterValues(OAuth2ParameterNames.RESOURCE);
        if (resources != null && RESOURCE_GRANTS.contains(grantType)) {
            Target target = target(resources);
            if (target == Target.MCP && AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantType)) {
                throw refusal("invalid_target", "A client's own token is for the Behalf API only: the MCP server takes only "
                        + "delegation tokens, which a token exchange gives.");
            }
        }
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantType)) {
            return null;
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        if (scope != null && java.util.Arrays.asList(scope.split(" ")).contains(OidcScopes.OPENID)) {
            throw refusal(OAuth2ErrorCodes.INVALID_SCOPE, "openid is for signing a person in (an ID token, /userinfo); a client's own "
                    + "token acts for no person: leave openid out.");
        }
        return null;
    }

    /**
     * The one resource the request names (RFC 8707 section 2), refused as {@code invalid_target} in the
     * same words wherever a token for the API is asked for ({@link ResourceIndicator} at the
     * authorization endpoint).
     */
    static Target target(String[] resources) {
        if (resources.length > 1) {
            throw refusal("invalid_target", ResourceIndicator.ONE);
        }
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        return ProtectedResources.named(resources[0], issuer)
                .orElseThrow(() -> refusal("invalid_target", ResourceIndicator.unknown(issuer)));
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
