package org.behalf.delegation.exchange;

import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A token-exchange request whose subject token is a grant id (DESIGN.md section 5), before it is
 * checked. Once checked, {@link #approved} carries the grant facts the token customizer writes
 * into the token.
 */
class DelegationExchangeRequest extends OAuth2AuthorizationGrantAuthenticationToken {

    private final String grantId;
    private final String actorToken;
    private final Set<String> scopes;
    private final String resource;
    private final Set<String> audiences;
    /** A token sent as the subject, never exchanged (SECURITY-CASES 3); null for a grant. */
    private final String tokenAsSubject;
    private transient Approved approved;

    DelegationExchangeRequest(Authentication client, String grantId, String actorToken, Set<String> scopes, String resource,
                              Set<String> audiences, Map<String, Object> additionalParameters) {
        this(client, grantId, actorToken, scopes, resource, audiences, additionalParameters, null);
    }

    private DelegationExchangeRequest(Authentication client, String grantId, String actorToken, Set<String> scopes, String resource,
                                      Set<String> audiences, Map<String, Object> additionalParameters, String tokenAsSubject) {
        super(AuthorizationGrantType.TOKEN_EXCHANGE, client, additionalParameters);
        this.grantId = grantId;
        this.actorToken = actorToken;
        this.scopes = Set.copyOf(scopes);
        this.resource = resource;
        this.audiences = Set.copyOf(audiences);
        this.tokenAsSubject = tokenAsSubject;
    }

    /** An exchange whose subject is a token, to be refused once its client is known (SECURITY-CASES 3). */
    static DelegationExchangeRequest tokenAsSubject(Authentication client, String token) {
        return new DelegationExchangeRequest(client, null, null, Set.of(), null, Set.of(), Map.of(), token);
    }

    /** The token sent as the subject, or null when the subject is a grant. */
    String tokenAsSubject() {
        return tokenAsSubject;
    }

    /** The RFC 8707 resource asked for, or null for the API. */
    String resource() {
        return resource;
    }

    /** The RFC 8693 audiences asked for; empty when none was named. */
    Set<String> audiences() {
        return audiences;
    }

    String grantId() {
        return grantId;
    }

    String actorToken() {
        return actorToken;
    }

    /** Empty when the client asked for no particular scope. */
    Set<String> scopes() {
        return scopes;
    }

    Approved approved() {
        return approved;
    }

    void approve(Approved approved) {
        this.approved = approved;
    }

    /**
     * What the token will say: {@code act.sub}, {@code grant_id}, an expiry within the grant's, and
     * its audience when it is for another resource than the API (null: the API's).
     */
    record Approved(String holderId, String delegateId, String grantId, java.time.Instant expiresAt, String audience) {
    }
}
