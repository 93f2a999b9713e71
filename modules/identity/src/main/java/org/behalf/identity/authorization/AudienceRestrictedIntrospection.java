package org.behalf.identity.authorization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.behalf.identity.api.GrantStanding;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * What introspection tells a client, after Spring's provider found the token unrevoked and unexpired:
 * <ul>
 * <li>only about its own tokens (SECURITY-CASES 16; RFC 7662 section 4: the server may decline to
 * reveal a token to a client it was not meant for): a token of another client is answered as
 * inactive, exactly like an unknown one;</li>
 * <li>never an ID token as active: it is no access token (docs/oauth.md; RFC 7662 section 2.2), and
 * a resource server trusting the answer would have taken it as one (black-box finding);</li>
 * <li>a delegation token as its grant stands now (DESIGN.md section 2 rule 5): inactive once the
 * grant is revoked or has ended, with only the scopes the grant still gives once it is narrowed.
 * Those leave the token itself unrevoked, and introspection answered it active, with its old scopes
 * (black-box finding, 2026-12-07).</li>
 * </ul>
 */
final class AudienceRestrictedIntrospection implements AuthenticationProvider {

    private final AuthenticationProvider stock;
    private final GrantStanding grants;

    AudienceRestrictedIntrospection(AuthenticationProvider stock, GrantStanding grants) {
        this.stock = stock;
        this.grants = grants;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = stock.authenticate(authentication);
        if (result instanceof OAuth2TokenIntrospectionAuthenticationToken answer && answer.getTokenClaims().isActive()
                && answer.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
            String asking = client.getRegisteredClient().getClientId();
            OAuth2TokenIntrospection claims = answer.getTokenClaims();
            boolean own = asking.equals(claims.getClientId()) || (claims.getAudience() != null && claims.getAudience().contains(asking));
            if (!own || idToken(claims)) {
                return inactive(answer, client);
            }
            if (claims.getClaims().get("grant_id") instanceof String grantId) {
                Optional<Set<String>> scopes = grants.scopesNow(grantId, claims.getSubject(), actor(claims));
                // A delegation token's scope claim is the one space-separated string it carries (RFC 8693 section 4.2).
                List<String> had = claims.getScopes() == null ? List.of()
                        : claims.getScopes().stream().flatMap(scope -> Arrays.stream(scope.split(" "))).filter(s -> !s.isEmpty()).toList();
                List<String> left = had.stream().filter(scope -> scopes.map(now -> now.contains(scope)).orElse(false)).toList();
                if (left.isEmpty()) {
                    return inactive(answer, client);
                }
                if (left.size() < had.size()) {
                    return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(), client,
                            OAuth2TokenIntrospection.withClaims(claims.getClaims())
                                    .claim(OAuth2TokenIntrospectionClaimNames.SCOPE, new ArrayList<>(left)).build());
                }
            }
        }
        return result;
    }

    private static Authentication inactive(OAuth2TokenIntrospectionAuthenticationToken answer, OAuth2ClientAuthenticationToken client) {
        return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(), client, OAuth2TokenIntrospection.builder().build());
    }

    /**
     * Spring keeps the ID token in the authorization and introspects it as it does the others, with its
     * claims: no token type (only an access token has one) and {@code azp}, which Spring's generator
     * puts in every ID token and no access token of Behalf's carries.
     */
    private static boolean idToken(OAuth2TokenIntrospection claims) {
        return claims.getTokenType() == null && claims.getClaims().containsKey(IdTokenClaimNames.AZP);
    }

    private static String actor(OAuth2TokenIntrospection claims) {
        return claims.getClaims().get("act") instanceof Map<?, ?> act && act.get("sub") instanceof String sub ? sub : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return stock.supports(authentication);
    }
}
