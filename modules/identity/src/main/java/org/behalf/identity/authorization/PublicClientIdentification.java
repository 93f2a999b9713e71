package org.behalf.identity.authorization;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
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

/**
 * Lets a public client (one without a secret, such as {@code behalf-cli}) identify itself at the
 * token endpoint for a token exchange or a refresh. Spring Authorization Server accepts public
 * clients only with a PKCE {@code code_verifier}, which neither has; here the actor token, or the
 * refresh token, is what proves who asks (RFC 8693 section 2.1; RFC 6749 section 2.1: a public
 * client is identified, not authenticated; OAuth 2.1 section 4.3.1: a public client's refresh
 * tokens rotate, and reuse revokes the family, which {@code HashedAuthorizationService} does).
 * Only clients registered with method {@code none} and the grant asked for qualify.
 */
final class PublicClientIdentification {

    /** Marks the requests this converter made, so that the provider never vouches for any other (PKCE stays SAS's). */
    private static final String MARKER = PublicClientIdentification.class.getName();
    private static final Set<String> GRANTS = Set.of(AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue());

    private PublicClientIdentification() {
    }

    static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            if (grantType == null || !GRANTS.contains(grantType)
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
            Map<String, Object> parameters = new HashMap<>();
            parameters.put(MARKER, grantType);
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
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
                RegisteredClient client = clients.findByClientId(String.valueOf(request.getPrincipal()));
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
