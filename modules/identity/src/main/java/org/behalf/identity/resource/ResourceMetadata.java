package org.behalf.identity.resource;

import java.util.function.Consumer;

import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.api.IdentitySettings;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadataClaimNames;

/**
 * What the API's protected-resource metadata (RFC 9728 section 2) says, served by Spring
 * Security's {@code OAuth2ProtectedResourceMetadataFilter} at {@link #PATH}: the resource (the
 * server's own URL, as the filter derives it from the request, which RFC 9728 section 3.3 requires
 * to match where the client read it), our authorization server (the issuer that discovery and the
 * tokens name), every scope of the catalog, and tokens in the {@code Authorization} header only.
 * It advertises exactly what the API accepts (docs/security.md rule 39): Spring's default claims
 * certificate-bound tokens, which Behalf does not issue, so that claim is taken out; a token in a
 * form body or query string is not read.
 */
final class ResourceMetadata {

    static final String PATH = "/.well-known/oauth-protected-resource";

    private ResourceMetadata() {
    }

    static Consumer<OAuth2ProtectedResourceMetadata.Builder> advertised(ScopeCatalog catalog, IdentitySettings settings) {
        return metadata -> {
            String issuer = AccessTokenDecoder.expectedIssuer(settings);
            metadata.resourceName("Behalf API")
                    .authorizationServers(servers -> {
                        servers.clear();
                        servers.add(issuer);
                    })
                    .scopes(scopes -> {
                        scopes.clear();
                        scopes.addAll(catalog.memberScopes());
                    })
                    .bearerMethods(methods -> {
                        methods.clear();
                        methods.add("header");
                    })
                    .claim("resource_documentation", issuer + "/docs/api")
                    .claims(claims -> claims.remove(OAuth2ProtectedResourceMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS));
        };
    }
}
