package org.behalf.delegation.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityEvent.Actor;
import org.behalf.audit.api.ActivityEvent.Outcome;
import org.behalf.audit.api.ActivityEvent.RequestInfo;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.delegation.api.Scope;
import org.behalf.delegation.enforcement.Conflicts;
import org.behalf.delegation.grant.GrantLimits;
import org.behalf.delegation.grant.GrantRepository;
import org.behalf.identity.api.IssuedTokens;
import org.behalf.identity.api.ProtectedResources;
import org.behalf.kernel.KeyedBatches;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues delegation tokens by RFC 8693 token exchange, as DESIGN.md section 5 specifies: the
 * subject token is a grant id, the actor token the delegate's own access token; the issued scope
 * is requested ∩ grant ∩ client, the lifetime at most ten minutes and never past the grant's
 * expiry, and no refresh token. Spring Authorization Server's own exchange checks scopes only
 * against the client and writes no {@code act}; this provider takes its place. Exchanges of one
 * grant that wait at the same time are issued together, in one transaction ({@link KeyedBatches}).
 */
class DelegationExchangeProvider implements AuthenticationProvider {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8693#section-2.2.2";

    private final GrantRepository grants;
    private final JwtDecoder accessTokens;
    private final IssuedTokens issuedTokens;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
    private final ActivityRecorder activity;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lifetime;
    private final ObjectProvider<RequestState> requests;
    private final Conflicts conflicts;
    private final Conflicts recordConflicts;
    private final KeyedBatches<Ask, OAuth2AccessTokenAuthenticationToken> batches = new KeyedBatches<>(this::issueAll);

    DelegationExchangeProvider(GrantRepository grants, JwtDecoder accessTokens,
                               IssuedTokens issuedTokens, OAuth2TokenGenerator<? extends OAuth2Token> tokens,
                               ActivityRecorder activity, TransactionTemplate transactions, Clock clock, Duration lifetime,
                               ObjectProvider<RequestState> requests, MeterRegistry meters) {
        this.requests = requests;
        this.conflicts = Conflicts.ofExchanges(meters);
        this.recordConflicts = Conflicts.ofRecords(meters);
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.issuedTokens = issuedTokens;
        this.tokens = tokens;
        this.activity = activity;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetime = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return DelegationExchangeRequest.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        DelegationExchangeRequest request = (DelegationExchangeRequest) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
                || client.getRegisteredClient() == null) {
            throw error(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication failed");
        }
        RegisteredClient registered = client.getRegisteredClient();
        // DESIGN.md section 5: only clients allowed delegation:act may exchange.
        // SECURITY-CASES 13: and only clients that registered the token-exchange grant type.
        if (!registered.getScopes().contains(Scope.DELEGATION_ACT.value())
                || !registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
            throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "the client may not exchange tokens for delegation");
        }
        if (request.tokenAsSubject() != null) {
            throw tokenAsSubject(request.tokenAsSubject(), registered.getClientId());
        }
        String audience = audience(request.resource(), request.audiences());
        Jwt actorToken = actor(request.actorToken(), registered.getClientId());
        // What the exchange needs of this request's thread, taken here: a batch may run it in another.
        Ask ask = new Ask(request, client, registered, actorToken, audience, AuthorizationServerContextHolder.getContext(),
                RequestInfos.of(RequestState.of(requests)));
        try {
            return batches.run(request.grantId(), ask);
        } catch (Refusal refusal) {
            if (refusal.grantId != null) {
                recordDenied(refusal.holderId, refusal.grantId, ask.tried(), registered.getClientId(), refusal.recorded, ask.origin());
            }
            throw refusal;
        }
    }

    /** An exchange checked as far as it can be without the grant, with what it needs of its request. */
    private record Ask(DelegationExchangeRequest request, OAuth2ClientAuthenticationToken client, RegisteredClient registered,
                       Jwt actorToken, String audience, AuthorizationServerContext server, RequestInfo origin) {

        /**
         * An app's own token (client credentials) as the actor: its subject is its own client id, as
         * identity reads it (SECURITY-CASES 19: a client id never equals a member id). It acts for
         * no one: a grant names a person as its delegate (DESIGN.md section 2 rule 1, section 5:
         * the actor token is the delegate's own access token, {@code act.sub} the delegate's member id).
         */
        boolean appsOwnToken() {
            return actorToken.getSubject().equals(actorToken.getClaimAsString("client_id"));
        }

        /**
         * Who tried, for the holder's log: whoever's token was offered as the actor, as every entry
         * names the owner of the token a request came with. A member is a would-be delegate; an app's
         * own token is that app ({@code kind app}, its client id), never a "delegate" with a client id
         * where a member id belongs (black-box finding F22).
         */
        Actor tried() {
            return appsOwnToken() ? new Actor(Actor.Kind.APP, actorToken.getSubject())
                    : new Actor(Actor.Kind.DELEGATE, actorToken.getSubject());
        }

        /** The refusal of an app's own token, told to the holder with the app's name, as its entry's reason. */
        Refusal appsOwnTokenRefused(String holderId, String grantId) {
            String app = registered.getClientName() == null || registered.getClientName().isBlank() ? registered.getClientId()
                    : "\u201c" + registered.getClientName() + "\u201d";
            // Through another client (behalf-cli is public: anyone may name it), the token's owner is who is known.
            String sent = actorToken.getSubject().equals(registered.getClientId()) ? app + " sent its own token"
                    : "App " + actorToken.getSubject() + "'s own token was sent through " + app;
            return new Refusal(holderId, grantId, OAuth2ErrorCodes.INVALID_GRANT,
                    "an app's own token cannot act for anyone: the actor token must be the helper's own access token, issued to this app",
                    sent + " where the helper's belongs; an app cannot use a helper's access by itself.");
        }
    }

    /**
     * Issues a batch of one grant's exchanges in one transaction, after one locked read of the grant
     * ({@link KeyedBatches}). A refused exchange writes nothing, so the others go on. A lost
     * deadlock or a Galera certification conflict rolls the whole batch back; it is run again as a
     * resource request is ({@link Conflicts}), so that one conflict does not fail every exchange of it.
     */
    private List<KeyedBatches.Outcome<OAuth2AccessTokenAuthenticationToken>> issueAll(String grantId, List<Ask> asks) {
        return conflicts.run(() -> transactions.execute(status -> issueInOneTransaction(grantId, asks)));
    }

    private List<KeyedBatches.Outcome<OAuth2AccessTokenAuthenticationToken>> issueInOneTransaction(String grantId, List<Ask> asks) {
        Instant now = clock.instant();
        // SECURITY-CASES 7: a revocation waits for this check, and this check for a revocation in flight.
        GrantLimits grant = grants.lockLimits(grantId).orElse(null);
        List<KeyedBatches.Outcome<OAuth2AccessTokenAuthenticationToken>> outcomes = new ArrayList<>(asks.size());
        List<Issued> issued = new ArrayList<>(asks.size());
        for (Ask ask : asks) {
            try {
                Issued one = issue(ask, grantId, grant, now);
                issued.add(one);
                outcomes.add(KeyedBatches.Outcome.of(one.answer()));
            } catch (OAuth2AuthenticationException refused) {
                outcomes.add(KeyedBatches.Outcome.failed(refused));
            }
        }
        if (!issued.isEmpty()) {
            // Stored like every token, so that introspection and revocation know it; and recorded
            // (rule 6). One statement for each, not one per token: the grant's other exchanges
            // wait for every round trip made under its lock.
            issuedTokens.storeIssued(issued.stream().map(Issued::authorization).toList());
            activity.recordAll(issued.stream().map(Issued::event).toList());
        }
        return outcomes;
    }

    /** A token issued in a batch, with what is stored and recorded of it once the batch is checked. */
    private record Issued(OAuth2Authorization authorization, ActivityEvent event, OAuth2AccessTokenAuthenticationToken answer) {
    }

    /** One exchange of a batch, under the grant's lock; a refused one is written nowhere. */
    private Issued issue(Ask ask, String grantId, GrantLimits grant, Instant now) {
        DelegationExchangeRequest request = ask.request();
        RegisteredClient registered = ask.registered();
        Jwt actorToken = ask.actorToken();
        String delegateId = actorToken.getSubject();
        if (ask.appsOwnToken()) {
            // Answered alike whether or not the grant exists (docs/security.md rule 20); recorded where it does.
            throw grant == null ? ask.appsOwnTokenRefused(null, null) : ask.appsOwnTokenRefused(grant.holderId(), grantId);
        }
        if (grant == null) {
            throw new Refusal(null, null, OAuth2ErrorCodes.INVALID_GRANT, "the grant is not active for this actor");
        }
        // SECURITY-CASES 4 and 8: the grant must be active and be this actor's.
        if (!delegateId.equals(grant.delegateId())) {
            // The asker learns nothing of the grant; the holder reads that someone else's token was offered.
            throw new Refusal(grant.holderId(), grantId, OAuth2ErrorCodes.INVALID_GRANT, "the grant is not active for this actor",
                    "They are not the helper this access was given to.");
        }
        if (grant.statusAt(now) != GrantStatus.ACTIVE) {
            throw new Refusal(grant.holderId(), grantId, OAuth2ErrorCodes.INVALID_GRANT, "the grant is not active for this actor");
        }
        // The actor token must be the delegate's token for this very client, carrying their consent
        // to act as a delegate through it (delegation:act). Otherwise any app holding some token of
        // the delegate could present it as the public behalf-cli and obtain delegation tokens for
        // every grant the delegate has (RFC 8693 section 2.1 leaves the actor policy to the server;
        // RFC 9700 section 4.10: a token is used only by the client it was issued to).
        if (!registered.getClientId().equals(actorToken.getClaimAsString("client_id"))
                || !scopes(actorToken).contains(Scope.DELEGATION_ACT.value())) {
            throw new Refusal(grant.holderId(), grantId, OAuth2ErrorCodes.INVALID_GRANT,
                    "the actor token was not issued to this client with delegation:act");
        }
        Set<String> requested = request.scopes().isEmpty() ? grant.scopes() : request.scopes();
        // SECURITY-CASES 1: nothing outside the grant, and nothing never delegable.
        Set<String> outside = new TreeSet<>(requested);
        outside.removeAll(grant.scopes());
        requested.stream().filter(s -> Scope.of(s).map(scope -> !scope.delegable()).orElse(true)).forEach(outside::add);
        if (!outside.isEmpty()) {
            throw new Refusal(grant.holderId(), grantId, OAuth2ErrorCodes.INVALID_SCOPE, "not in the grant: " + String.join(" ", outside));
        }
        // SECURITY-CASES 2: requested ∩ grant ∩ client, never the client's whole set.
        Set<String> issued = new LinkedHashSet<>(requested);
        issued.retainAll(registered.getScopes());
        if (issued.isEmpty()) {
            throw new Refusal(grant.holderId(), grantId, OAuth2ErrorCodes.INVALID_SCOPE, "the client may not use any scope of the grant");
        }
        // SECURITY-CASES 6: a token never outlives its grant.
        Instant expiresAt = now.plus(lifetime).isBefore(grant.expiresAt()) ? now.plus(lifetime) : grant.expiresAt();
        request.approve(new DelegationExchangeRequest.Approved(grant.holderId(), delegateId, grantId, expiresAt, ask.audience()));

        Authentication holder = UsernamePasswordAuthenticationToken.authenticated(grant.holderId(), null, List.of());
        DefaultOAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
                .registeredClient(registered)
                .principal(holder)
                .authorizationServerContext(ask.server())
                .authorizedScopes(issued)
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                .authorizationGrant(request)
                .build();
        OAuth2Token generated = tokens.generate(context);
        if (!(generated instanceof Jwt jwt)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                    "the token could not be generated", ERROR_URI));
        }
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
                jwt.getIssuedAt(), jwt.getExpiresAt(), issued);
        OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(registered)
                .principalName(grant.holderId())
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                .authorizedScopes(issued)
                .token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                        new java.util.HashMap<>(jwt.getClaims())))
                .build();
        ActivityEvent event = new ActivityEvent(grant.holderId(), new Actor(Actor.Kind.DELEGATE, delegateId), grantId,
                registered.getClientId(), "delegation.exchange", new ActivityEvent.Target("grant", grantId),
                Outcome.SUCCESS, null, List.of(new ActivityEvent.Change("scope", null, List.copyOf(new TreeSet<>(issued)))),
                ask.origin());
        return new Issued(authorization, event, new OAuth2AccessTokenAuthenticationToken(registered, ask.client(), accessToken, null,
                Map.of(OAuth2ParameterNames.ISSUED_TOKEN_TYPE, DelegationExchangeConverter.ACCESS_TOKEN_TYPE)));
    }

    /**
     * The delegate named by the actor token: one of our own access tokens, still active, and not
     * itself a delegation token (DESIGN.md section 2 rule 4; SECURITY-CASES 3). The resource
     * server's decoder checks all of it but the last: signature, expiry, audience, issuer and
     * revocation (an indexed read), without loading the token's stored authorization. That the
     * subject is a member needs no read of its own: {@link #issue} requires it to be the grant's
     * delegate, who is one, and closing an account revokes every token of it.
     */
    private Jwt actor(String actorToken, String clientId) {
        Jwt jwt;
        try {
            jwt = accessTokens.decode(actorToken);
        } catch (JwtException e) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "the actor token is not valid");
        }
        if (jwt.hasClaim("act") || jwt.hasClaim("grant_id")) {
            recordExchangedAgain(jwt, clientId);
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "a delegation token cannot be exchanged again");
        }
        if (jwt.getSubject() == null) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "the actor token does not name a member");
        }
        return jwt;
    }

    /**
     * A token sent as the subject: never exchanged, whatever it is (SECURITY-CASES 3; RFC 8693
     * section 2.2.2 calls it invalid_grant). A delegation token of ours is recorded as the actor
     * token's attempt is (docs/security.md rule 31); it was refused before any token was read, and
     * left no entry (black-box testing, 2026-12-07).
     */
    private OAuth2AuthenticationException tokenAsSubject(String token, String clientId) {
        try {
            recordExchangedAgain(accessTokens.decode(token), clientId);
        } catch (JwtException notValid) {
            // Not a valid token of ours: it names nobody whose log the attempt would belong in.
        }
        return error(OAuth2ErrorCodes.INVALID_GRANT, "only a grant can be the subject: a token is never exchanged again");
    }

    /**
     * A valid delegation token names its grant, holder and delegate: the attempt to delegate again
     * is the holder's to read (docs/security.md rule 31; black-box testing, 2026-12-06).
     */
    private void recordExchangedAgain(Jwt token, String clientId) {
        String grantId = token.getClaimAsString("grant_id");
        Object act = token.getClaims().get("act");
        if (grantId != null && token.getSubject() != null && act instanceof java.util.Map<?, ?> actor && actor.get("sub") != null) {
            recordDenied(token.getSubject(), grantId, new Actor(Actor.Kind.DELEGATE, String.valueOf(actor.get("sub"))), clientId,
                    "a delegation token cannot be exchanged again", RequestInfos.of(RequestState.of(requests)));
        }
    }

    /**
     * The audience of a token, asked for with RFC 8707's {@code resource} or RFC 8693's
     * {@code audience}: none, or the API's identifier, is the API (audience {@code behalf-api}); the
     * MCP server's URL binds the token to it (DESIGN.md section 6, "AI assistants"). A resource is
     * read as at every other grant ({@link ProtectedResources#named}), where the API's own identifier
     * was refused here (black-box finding F17, 2026-12-07). An {@code audience} must name the one
     * target the token is for: {@code behalf-api} for the API, the MCP server's URL for it (as its
     * {@code resource} does). Anything else, or two targets at once, is {@code invalid_target} (RFC
     * 8707 section 2, RFC 8693 section 2.2.2), refused as an unknown resource is, before the grant
     * is read; an unknown audience was ignored and the token issued for the API.
     */
    private static String audience(String resource, Set<String> audiences) {
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        String mcp = ProtectedResources.mcp(issuer);
        java.util.Optional<ProtectedResources.Target> asked = ProtectedResources.named(resource, issuer);
        if (resource != null && asked.isEmpty()) {
            throw error("invalid_target", "resource must be " + ProtectedResources.api(issuer) + " (the API), " + mcp
                    + " (the MCP server) or absent");
        }
        String target = asked.map(ProtectedResources.Target.MCP::equals).orElse(audiences.contains(mcp)) ? mcp : null;
        String named = target == null ? ProtectedResources.API_AUDIENCE : mcp;
        if (!audiences.stream().allMatch(named::equals)) {
            throw error("invalid_target", "audience must be " + ProtectedResources.API_AUDIENCE + " (the API) or " + mcp
                    + " (the MCP server), one of them, and the same as resource");
        }
        return target;
    }

    /** RFC 9068 section 2.2.3: a space-separated string (a list is read too). */
    private static Set<String> scopes(Jwt token) {
        Object scope = token.getClaims().get("scope");
        if (scope instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        }
        return scope instanceof String value ? new java.util.HashSet<>(List.of(value.trim().split("\\s+"))) : Set.of();
    }

    /**
     * A refused exchange's entry, in a transaction of its own once the batch's is gone; run again
     * after a deadlock or certification conflict (two refusals of one holder on two Galera nodes
     * both append to the holder's chain), as the enforcement's refusals are ({@link Conflicts#ofRecords}).
     */
    private void recordDenied(String holderId, String grantId, Actor tried, String clientId, String reason, RequestInfo origin) {
        recordConflicts.run(() -> transactions.execute(status -> activity.record(new ActivityEvent(holderId,
                tried, grantId, clientId, "delegation.exchange",
                new ActivityEvent.Target("grant", grantId), Outcome.DENIED, reason, List.of(), origin))));
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
    }

    /**
     * A refusal, about a known grant (then recorded in its holder's log once the transaction is
     * gone) or about none (both ids null). Its entry says what the answer says, or, where the
     * holder is owed more than the asker (who may not learn whether the grant exists), {@code recorded}.
     */
    private static final class Refusal extends OAuth2AuthenticationException {
        private final String holderId;
        private final String grantId;
        private final String recorded;

        Refusal(String holderId, String grantId, String code, String description) {
            this(holderId, grantId, code, description, description);
        }

        Refusal(String holderId, String grantId, String code, String description, String recorded) {
            super(new OAuth2Error(code, description, ERROR_URI));
            this.holderId = holderId;
            this.grantId = grantId;
            this.recorded = recorded;
        }
    }
}
