package org.behalf.identity.authorization;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Authorization requests asking for what the server does not do, refused to the client once its
 * redirect URI matched ({@link RegisteredRedirect}; RFC 6749 section 4.1.2.1, docs/oauth.md), with
 * {@code state} and {@code iss} ({@link IssuerInAuthorizationResponse}); before that they are left
 * to Spring Authorization Server, which refuses them as a page here. Spring took each of these as
 * a plain code request answered in the query, or as a page (black-box findings):
 * <ul>
 * <li>a {@code response_type} other than {@code code}: {@code unsupported_response_type} (RFC 6749
 * section 4.1.2.1);</li>
 * <li>a request object, by value or by reference: {@code request_not_supported} and
 * {@code request_uri_not_supported} (OpenID Connect Core section 6.1; pushed authorization requests
 * are not offered either);</li>
 * <li>a {@code response_mode} other than {@code query}, the one advertised ({@link AdvertisedMetadata}):
 * {@code invalid_request} (OAuth 2.0 Multiple Response Type Encoding Practices section 2.1).</li>
 * </ul>
 * Runs ahead of Spring's converter; answers nothing for a request it has no objection to.
 */
final class UnofferedAuthorizationRequests implements AuthenticationConverter {

    static final String RESPONSE_MODE = "response_mode";
    static final String QUERY = "query";

    private final RegisteredClientRepository clients;

    UnofferedAuthorizationRequests(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (ConsentAnswers.MATCHER.matches(request)) {
            return null;
        }
        String responseType = request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE);
        String responseMode = request.getParameter(RESPONSE_MODE);
        OAuth2Error error;
        if (responseType != null && !"code".equals(responseType)) {
            error = new OAuth2Error(OAuth2ErrorCodes.UNSUPPORTED_RESPONSE_TYPE,
                    "Only response_type=code is offered: the authorization code flow with PKCE.", null);
        } else if (request.getParameter("request") != null) {
            error = new OAuth2Error("request_not_supported",
                    "Request objects are not taken: send the authorization request's parameters in the address.", null);
        } else if (request.getParameter(OAuth2ParameterNames.REQUEST_URI) != null) {
            error = new OAuth2Error("request_uri_not_supported",
                    "Request objects by reference are not taken: send the authorization request's parameters in the address.", null);
        } else if (responseMode != null && !QUERY.equals(responseMode)) {
            error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "Only response_mode=query is offered: the answer comes in the redirect URI's query.", null);
        } else {
            return null;
        }
        String redirect = trustedRedirect(request);
        if (redirect == null) {
            // Not to be sent anywhere: Spring's converter and validator refuse it as a page.
            return null;
        }
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        if (principal == null) {
            principal = new AnonymousAuthenticationToken("anonymous", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getRequestURL().toString(), request.getParameter(OAuth2ParameterNames.CLIENT_ID), principal, redirect,
                request.getParameter(OAuth2ParameterNames.STATE), scope == null ? Set.of() : new HashSet<>(Arrays.asList(scope.split(" "))), null));
    }

    /** The redirect URI an error may go to: the one sent, if the client registered it, or the client's only one (Spring's rule). */
    private String trustedRedirect(HttpServletRequest request) {
        String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        RegisteredClient client = clientId == null || clientId.isEmpty() ? null : clients.findByClientId(clientId);
        if (client == null) {
            return null;
        }
        String requested = request.getParameter(OAuth2ParameterNames.REDIRECT_URI);
        if (requested != null && !requested.isEmpty()) {
            return RegisteredRedirect.matches(client, requested) ? requested : null;
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        boolean openid = scope != null && Arrays.asList(scope.split(" ")).contains(OidcScopes.OPENID);
        return !openid && client.getRedirectUris().size() == 1 ? client.getRedirectUris().iterator().next() : null;
    }
}
