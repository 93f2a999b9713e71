package org.behalf.identity.authorization;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets a public client (one without a secret, such as {@code behalf-cli}) identify itself at the
 * token endpoint for a token exchange or a refresh. Spring Authorization Server accepts public
 * clients only with a PKCE {@code code_verifier}, which neither has; here the actor token, or the
 * refresh token, is what proves who asks (RFC 8693 section 2.1; RFC 6749 section 2.1: a public
 * client is identified, not authenticated; OAuth 2.1 section 4.3.1: a public client's refresh
 * tokens rotate, and reuse revokes the family, which {@code HashedAuthorizationService} does).
 * Only clients registered with method {@code none} and the grant asked for qualify.
 * <p>
 * At the token endpoint only: revocation and introspection require client authentication
 * (SECURITY-CASES 16, docs/security.md rule 16), which a client's id alone is not, so a public
 * client cannot revoke or introspect, a {@code grant_type} added to those requests included
 * ({@link InvalidClient} tells it how the person ends the sign-in instead).
 */
final class PublicClientIdentification {

    /** Marks the requests this converter made, so that the provider never vouches for any other (PKCE stays SAS's). */
    private static final String MARKER = PublicClientIdentification.class.getName();
    private static final Set<String> GRANTS = Set.of(AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue());
    private static final RequestMatcher TOKEN_ENDPOINT = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/oauth2/token");

    private PublicClientIdentification() {
    }

    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            if (!TOKEN_ENDPOINT.matches(request) || grantType == null || !GRANTS.contains(grantType)
                    || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null) {
                return null;
            }
            if (clientIds.length != 1) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            if (clientIds[0].isBlank()) {
                // No client has a blank id, and Spring's token asserts on one: that was a 500 (black-box testing, 2026-12-07).
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            Map<String, Object> parameters = new HashMap<>();
            parameters.put(MARKER, grantType);
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
        };
    }

    /**
     * Spring's PKCE provider, kept off the requests this converter made: it has no code to check in them,
     * and it found the client by the database's collation and answered a PKCE {@code invalid_grant} after
     * ours refused a name that is not exactly the client's (so {@code grant_type=refresh_token&client_id=BEHALF-CLI}
     * was an invalid_grant, where it is no client: {@code invalid_client}).
     */
    static AuthenticationProvider pkceOnly(AuthenticationProvider stock) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return authentication instanceof OAuth2ClientAuthenticationToken request
                        && request.getAdditionalParameters().containsKey(MARKER) ? null : stock.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return stock.supports(authentication);
            }
        };
    }

    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
                if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
                        || !(request.getAdditionalParameters().get(MARKER) instanceof String grantType)) {
                    return null;
                }
                String named = String.valueOf(request.getPrincipal());
                // Named exactly (RememberedClients): "BEHALF-CLI" or "behalf-cli " is no name of behalf-cli.
                RegisteredClient client = clients.findByClientId(named);
                if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                        || !client.getAuthorizationGrantTypes().contains(new AuthorizationGrantType(grantType))) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
