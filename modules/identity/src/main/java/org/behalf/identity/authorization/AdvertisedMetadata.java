package org.behalf.identity.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import org.behalf.identity.api.ScopeCatalog;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * What both discovery documents (RFC 8414 and OpenID Connect Discovery) say, made to be exactly
 * what the server does (docs/security.md rule 39; RFC 8414 section 2). Spring Authorization
 * Server's defaults advertise more than Behalf accepts: mutual-TLS client authentication and
 * certificate-bound tokens, DPoP, private-key and client-secret JWTs, the device grant. A client
 * that believed them would fail; so each list here is the set the server is configured with.
 */
final class AdvertisedMetadata {

    /** Confidential clients authenticate with their secret (Basic or in the body); public ones with PKCE alone. */
    static final List<String> TOKEN_AUTHENTICATION = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());
    /**
     * Revoking and introspecting need a confidential client's secret: both require client authentication
     * (SECURITY-CASES 16), so {@code none} is not offered for them.
     */
    static final List<String> SECRET_AUTHENTICATION = TOKEN_AUTHENTICATION.subList(0, 2);
    static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

    private AdvertisedMetadata() {
    }

    /** The edit of a document's claims, for both documents' customizers. */
    static Consumer<Map<String, Object>> claims(ScopeCatalog catalog) {
        return claims -> {
            claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, scopes(catalog));
            claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED, GRANT_TYPES);
            claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED, TOKEN_AUTHENTICATION);
            claims.put(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED, SECRET_AUTHENTICATION);
            claims.put(OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED, SECRET_AUTHENTICATION);
            // Answers come in the query only (UnofferedAuthorizationRequests); without this RFC 8414 section 2's
            // default claims fragment too.
            claims.put("response_modes_supported", List.of(UnofferedAuthorizationRequests.QUERY));
            // Request objects are refused (OpenID Connect Discovery section 3 defaults the by-reference one to true).
            claims.put("request_parameter_supported", false);
            claims.put("request_uri_parameter_supported", false);
            // Every authorization response carries iss (IssuerInAuthorizationResponse; RFC 9207 section 3).
            claims.put("authorization_response_iss_parameter_supported", true);
            // Introspection answers a signed JWT on request (IntrospectionAnswer; RFC 9701 section 7).
            claims.put("introspection_signing_alg_values_supported", List.of(JWSAlgorithm.ES256.getName()));
            claims.remove(OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS);
            claims.remove(OAuth2AuthorizationServerMetadataClaimNames.DPOP_SIGNING_ALG_VALUES_SUPPORTED);
            claims.remove(OAuth2AuthorizationServerMetadataClaimNames.DEVICE_AUTHORIZATION_ENDPOINT);
        };
    }

    /**
     * RFC 7591's endpoint ({@link DynamicRegistration}), for the OpenID document too: Spring names it
     * only in RFC 8414's, and OpenID Connect Discovery section 3 has the same {@code registration_endpoint}.
     */
    static String registrationEndpoint() {
        AuthorizationServerContext server = AuthorizationServerContextHolder.getContext();
        return server.getIssuer() + server.getAuthorizationServerSettings().getClientRegistrationEndpoint();
    }

    /** ID tokens are signed by {@code Es256TokenEncoder}, not with the RS256 the metadata defaults to. */
    static List<String> idTokenAlgorithms() {
        return List.of(JWSAlgorithm.ES256.getName());
    }

    private static List<String> scopes(ScopeCatalog catalog) {
        List<String> scopes = new ArrayList<>(List.of(OidcScopes.OPENID));
        scopes.addAll(catalog.memberScopes());
        return scopes;
    }
}
