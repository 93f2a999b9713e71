package org.behalf.identity.authorization;

import java.util.function.Consumer;

import org.behalf.identity.api.ProtectedResources;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * An authorization request's {@code resource} (RFC 8707 section 2) is read as the token endpoint
 * reads it ({@link TokenRequestRules#target}): the API's identifier or the MCP server's (what an MCP
 * client sends when it signs its assistant in), once; anything else is {@code invalid_target}, sent to
 * the client (its redirect URI has matched by now), before anyone is asked to sign in or consent.
 * Spring Authorization Server ignored the parameter, so an app asking for a token for another API
 * got one for ours without a word (black-box finding F17, 2026-12-07).
 */
final class ResourceIndicator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String ONE = "Name one resource: a token is for one of them (RFC 8707 section 2).";

    /** The refusal of a resource that is not ours, naming the one a client most likely meant. */
    static String unknown(String issuer) {
        return "The resource is not one this server issues tokens for: leave it out, or name the API as its metadata "
                + "(/.well-known/oauth-protected-resource) does, " + ProtectedResources.api(issuer) + " (RFC 8707 section 2).";
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Object resource = request.getAdditionalParameters().get(OAuth2ParameterNames.RESOURCE);
        if (resource == null) {
            return;
        }
        // Sent more than once, Spring hands the values on as an array.
        if (!(resource instanceof String one)) {
            throw refusal(context, ONE);
        }
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        if (ProtectedResources.named(one, issuer).isEmpty()) {
            throw refusal(context, unknown(issuer));
        }
    }

    private static RuntimeException refusal(OAuth2AuthorizationCodeRequestAuthenticationContext context, String description) {
        return ToTheClient.refusal(context, new OAuth2Error("invalid_target", description, null));
    }
}
