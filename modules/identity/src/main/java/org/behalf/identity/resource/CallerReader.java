package org.behalf.identity.resource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.behalf.identity.authorization.FirstPartyClients;
import org.behalf.kernel.Caller;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Reads who a verified token speaks for (DESIGN.md section 5): a token with {@code act} is a
 * delegate's; one whose subject is its own client is a client's (client credentials, never a
 * member's account: SECURITY-CASES 19); a member's token through a first-party client is the
 * holder's own, through any other client an app's.
 */
@Component
class CallerReader implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String subject = jwt.getSubject();
        String clientId = jwt.getClaimAsString("client_id");
        Set<String> scopes = scopes(jwt.getClaims().get("scope"));
        Object act = jwt.getClaims().get("act");
        Caller.Kind kind;
        String actor = null;
        if (act instanceof Map<?, ?> actClaim && actClaim.get("sub") != null) {
            kind = Caller.Kind.DELEGATE;
            actor = String.valueOf(actClaim.get("sub"));
        } else if (subject != null && subject.equals(clientId)) {
            kind = Caller.Kind.CLIENT;
        } else if (FirstPartyClients.IDS.contains(clientId)) {
            kind = Caller.Kind.HOLDER;
        } else {
            kind = Caller.Kind.APP;
        }
        Caller caller = new Caller(subject, actor, clientId, scopes, jwt.getClaimAsString("grant_id"), jwt.getId(), kind);
        return new CallerAuthentication(caller, jwt);
    }

    private static Set<String> scopes(Object claim) {
        if (claim instanceof String text) {
            return Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }
}
