package org.behalf.identity.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The resource API's {@code WWW-Authenticate: Bearer} challenges (RFC 6750 section 3), each naming
 * the protected-resource metadata with {@code resource_metadata} (RFC 9728 section 5.1) so that a
 * client that meets a refusal can discover the authorization server and the scopes. Written by
 * Spring Security's {@link BearerTokenAuthenticationEntryPoint}, which sets the status and the
 * header; the caller writes the problem document. No error description is given: what failed in
 * a token is not told (docs/security.md rule 17), but for a genuine token sent to the other
 * resource (RFC 6750 section 3.1's {@code error_description}), which its own {@code aud} says anyway.
 */
public final class BearerChallenge {

    private static final BearerTokenAuthenticationEntryPoint ENTRY_POINT = new BearerTokenAuthenticationEntryPoint();
    /**
     * The MCP server's challenges name its own metadata, {@code <server>/.well-known/oauth-protected-resource/mcp}
     * (RFC 9728 sections 3.1 and 5.1), whose {@code resource} is the MCP server's URL, the audience
     * of its tokens (MCP specification, "Authorization").
     */
    private static final BearerTokenAuthenticationEntryPoint MCP_ENTRY_POINT = new BearerTokenAuthenticationEntryPoint();

    /**
     * The request attribute that holds the configured issuer ({@code BEHALF_ISSUER}), set by
     * identity's resource-server chain on every request it serves.
     */
    public static final String ISSUER_ATTRIBUTE = BearerChallenge.class.getName() + ".issuer";
    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    static {
        ENTRY_POINT.setResourceMetadataParameterResolver(request -> metadata(request, ""));
        MCP_ENTRY_POINT.setResourceMetadataParameterResolver(request -> metadata(request, ProtectedResources.MCP_PATH));
    }

    /**
     * The metadata's URL: under the configured issuer, the resource the metadata itself names, so
     * that neither a {@code Host} nor a forwarded host of the caller's choosing picks where a client
     * is sent (black-box finding, 2026-12-07: through a proxy that passed a client's
     * {@code X-Forwarded-Host} on, a 401 named {@code https://evil.example/.well-known/…}); without
     * one (development), the URL the request reached.
     */
    private static String metadata(HttpServletRequest request, String resource) {
        if (request.getAttribute(ISSUER_ATTRIBUTE) instanceof String issuer) {
            return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + METADATA_PATH + resource;
        }
        return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                .replacePath(request.getContextPath() + METADATA_PATH + resource)
                .replaceQuery(null).fragment(null).build().toUriString();
    }

    private BearerChallenge() {
    }

    /** 401 without a token: {@code Bearer resource_metadata="…"}. */
    public static void tokenRequired(HttpServletRequest request, HttpServletResponse response) {
        challenge(request, response, new InsufficientAuthenticationException("no bearer token"));
    }

    /** 401 for an invalid, expired or revoked token: {@code Bearer error="invalid_token", resource_metadata="…"}. */
    public static void invalidToken(HttpServletRequest request, HttpServletResponse response) {
        invalidToken(request, response, null);
    }

    /** As {@link #invalidToken(HttpServletRequest, HttpServletResponse)}, with {@code error_description} (plain ASCII, no quotes). */
    public static void invalidToken(HttpServletRequest request, HttpServletResponse response, String description) {
        challenge(request, response, new OAuth2AuthenticationException(
                new BearerTokenError("invalid_token", HttpStatus.UNAUTHORIZED, description, null)));
    }

    /** 403 for a token without the scope: {@code Bearer error="insufficient_scope", scope="…", resource_metadata="…"}. */
    public static void insufficientScope(HttpServletRequest request, HttpServletResponse response, String scope) {
        challenge(request, response, new OAuth2AuthenticationException(
                new BearerTokenError("insufficient_scope", HttpStatus.FORBIDDEN, null, null, scope)));
    }

    private static void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
        (ProtectedResources.MCP_PATH.equals(request.getServletPath()) ? MCP_ENTRY_POINT : ENTRY_POINT).commence(request, response, failure);
    }
}
