package org.behalf.delegation.exchange;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads an RFC 8693 token-exchange request at the token endpoint. Every token exchange comes here:
 * Behalf exchanges only grants for delegation tokens, so any other subject token type (in
 * particular an access token, which would allow impersonation or nested {@code act}) is refused
 * rather than left to the stock provider (DESIGN.md section 5; SECURITY-CASES 3).
 */
class DelegationExchangeConverter implements AuthenticationConverter {

    static final String GRANT_TOKEN_TYPE = "urn:behalf:params:oauth:token-type:grant";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** RFC 8693 section 3: the token types a token (rather than a grant) is sent as. */
    private static final Set<String> TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:jwt",
            "urn:ietf:params:oauth:token-type:refresh_token", "urn:ietf:params:oauth:token-type:id_token");

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!AuthorizationGrantType.TOKEN_EXCHANGE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
            return null;
        }
        // Repeated parameters were refused before (identity's OAuthRequestRules; RFC 6749 section 3.1).
        String subjectToken = required(request, OAuth2ParameterNames.SUBJECT_TOKEN);
        String subjectType = required(request, OAuth2ParameterNames.SUBJECT_TOKEN_TYPE);
        if (TOKEN_TYPES.contains(subjectType)) {
            // SECURITY-CASES 3: a token as subject would be impersonation, or a delegation token
            // delegated again. Refused by the provider (invalid_grant), after the client has been
            // checked, so that a delegation token's attempt is recorded in its holder's log.
            return DelegationExchangeRequest.tokenAsSubject(SecurityContextHolder.getContext().getAuthentication(), subjectToken);
        }
        if (!GRANT_TOKEN_TYPE.equals(subjectType)) {
            throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "Only a grant can be exchanged: send subject_token_type="
                    + GRANT_TOKEN_TYPE + " with the grant's id.");
        }
        String actorToken = required(request, OAuth2ParameterNames.ACTOR_TOKEN);
        if (!ACCESS_TOKEN_TYPE.equals(required(request, OAuth2ParameterNames.ACTOR_TOKEN_TYPE))) {
            throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "The actor token must be the delegate's own access token: send actor_token_type="
                    + ACCESS_TOKEN_TYPE + ".");
        }
        String requested = request.getParameter(OAuth2ParameterNames.REQUESTED_TOKEN_TYPE);
        if (requested != null && !ACCESS_TOKEN_TYPE.equals(requested)) {
            throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "An exchange issues only an access token: leave out requested_token_type or send "
                    + ACCESS_TOKEN_TYPE + ".");
        }
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        // RFC 8707 section 2 (RFC 8693 section 2.1): the resource the token is for; none is the API.
        String[] resources = request.getParameterValues(OAuth2ParameterNames.RESOURCE);
        if (resources != null && resources.length > 1) {
            // One token, one resource: a token for several would be accepted by each of them.
            throw invalid("invalid_target", "name one resource");
        }
        String resource = resources == null ? null : resources[0];
        // RFC 8693 section 2.1: the logical names of the target services; checked with resource by the provider.
        String[] audiences = request.getParameterValues(OAuth2ParameterNames.AUDIENCE);
        if (audiences != null && audiences.length > 1) {
            // One target per token, as for resource: the same audience twice was taken, a resource twice refused.
            throw invalid("invalid_target", "name one audience");
        }
        Map<String, Object> additional = new HashMap<>();
        Authentication client = SecurityContextHolder.getContext().getAuthentication();
        return new DelegationExchangeRequest(client, subjectToken, actorToken, scopes,
                // An empty resource is not "none" (RFC 8707 section 2: an absolute URI): the provider refuses it as any other.
                resource,
                audiences == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(audiences)), additional);
    }

    /**
     * The parameter's value, refused in words when missing: every check after it may take the value
     * as present (an immutable set's contains(null) throws, which was a 500; black-box finding).
     */
    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "The exchange is missing " + name + " (docs/delegation.md shows the whole request).");
        }
        return value;
    }

    private static OAuth2AuthenticationException invalid(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description,
                "https://datatracker.ietf.org/doc/html/rfc8693#section-2.2.2"));
    }
}
