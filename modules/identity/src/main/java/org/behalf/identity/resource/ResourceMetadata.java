package org.behalf.identity.resource;

import java.util.function.Consumer;

import org.behalf.identity.api.ScopeCatalog;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.ProtectedResources;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadataClaimNames;

/**
 * What the API's protected-resource metadata (RFC 9728 section 2) says, served by Spring
 * Security's {@code OAuth2ProtectedResourceMetadataFilter} at {@link #PATH}: the resource (the
 * server's own URL, which RFC 9728 section 3.3 requires to match where the client read it: the
 * configured issuer, else as the filter derives it from the request), our authorization server (the issuer that discovery and the
 * tokens name), every scope of the catalog, and tokens in the {@code Authorization} header only.
 * It advertises exactly what the API accepts (docs/security.md rule 39): Spring's default claims
 * certificate-bound tokens, which Behalf does not issue, so that claim is taken out; a token in a
 * form body or query string is not read.
 */
final class ResourceMetadata {

    static final String PATH = "/.well-known/oauth-protected-resource";

    private ResourceMetadata() {
    }

    /** The MCP server's own metadata (RFC 9728 section 3.1: the resource's path after the well-known name). */
    static final String MCP_PATH = PATH + ProtectedResources.MCP_PATH;

    static Consumer<OAuth2ProtectedResourceMetadata.Builder> advertised(ScopeCatalog catalog, IdentitySettings settings) {
        return metadata -> {
            String issuer = AccessTokenDecoder.expectedIssuer(settings);
            boolean[] mcp = new boolean[1];
            metadata.claims(claims -> mcp[0] = String.valueOf(claims.get(OAuth2ProtectedResourceMetadataClaimNames.RESOURCE))
                    .endsWith(ProtectedResources.MCP_PATH));
            // A deployment names its one public address (BEHALF_ISSUER): the resource is that, never
            // the request's Host header, which anyone may write and a cache in front would keep
            // (black-box testing, 2026-12-06). Without one (development), the request's own URL.
            if (settings.issuer() != null) {
                metadata.resource(settings.issuer() + (mcp[0] ? ProtectedResources.MCP_PATH : ""));
            }
            if (mcp[0]) {
                mcp(metadata, issuer);
                return;
            }
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

    /**
     * The MCP server's metadata (DESIGN.md section 6, "AI assistants"; MCP specification,
     * "Authorization", Protected Resource Metadata discovery): the resource is {@code <server>/mcp},
     * the audience its tokens carry; the authorization server is ours, whose metadata names the
     * registration endpoint (RFC 7591), so an MCP client finds everything from the 401's
     * {@code WWW-Authenticate}; the one scope is {@code delegation:act}, what the MCP client asks
     * for when it signs its agent in, before it exchanges a holder's grant.
     */
    private static void mcp(OAuth2ProtectedResourceMetadata.Builder metadata, String issuer) {
        metadata.resourceName("Behalf MCP server for AI assistants")
                .authorizationServers(servers -> {
                    servers.clear();
                    servers.add(issuer);
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.add("delegation:act");
                })
                .bearerMethods(methods -> {
                    methods.clear();
                    methods.add("header");
                })
                .claims(claims -> claims.remove(OAuth2ProtectedResourceMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS));
    }
}
