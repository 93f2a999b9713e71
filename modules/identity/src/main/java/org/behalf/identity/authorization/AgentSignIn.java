package org.behalf.identity.authorization;

import java.util.Set;
import java.util.function.Consumer;

import org.behalf.identity.member.MemberSignIn;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * What an AI assistant's member may sign in to (DESIGN.md section 6, "AI assistants";
 * docs/security.md rule 43), checked on every authorization request after Spring Authorization
 * Server's own checks and Behalf's (see {@code AuthorizationServerConfiguration}), once the browser has signed in as the agent:
 * <ul>
 * <li>never the console: an agent is operated by a person, who has their own console; a password
 * typed into the console for an agent would be a second, unwatched way into the account;</li>
 * <li>only {@code delegation:act} (and {@code openid}): an agent's own token is good for accepting
 * grants and exchanging them, never for an account of its own (profile, network search, messages).
 * All it can do to anyone's data it does under a holder's grant, recorded in that holder's log.</li>
 * </ul>
 * The agent's password is the one its operator chose, typed into the sign-in page that the MCP
 * client opens (authorization code + PKCE); its client is the MCP client that registered itself.
 */
final class AgentSignIn implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final Set<String> AGENT_SCOPES = Set.of("delegation:act", OidcScopes.OPENID);

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication principal) || !principal.isAuthenticated()
                || principal.getAuthorities().stream().noneMatch(authority -> MemberSignIn.AGENT.equals(authority.getAuthority()))) {
            return;
        }
        if (FirstPartyClients.CONSOLE.equals(context.getRegisteredClient().getClientId())) {
            throw refusal(request, OAuth2ErrorCodes.ACCESS_DENIED, "An AI assistant does not sign in to the console; its operator does.");
        }
        if (!AGENT_SCOPES.containsAll(request.getScopes())) {
            throw refusal(request, OAuth2ErrorCodes.INVALID_SCOPE, "An AI assistant is given only delegation:act.");
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException refusal(OAuth2AuthorizationCodeRequestAuthenticationToken request,
                                                                                 String code, String description) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null), request);
    }
}
