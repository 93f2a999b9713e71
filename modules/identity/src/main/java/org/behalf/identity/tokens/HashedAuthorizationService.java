package org.behalf.identity.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.behalf.identity.api.ReusedTokenFamilyRevoked;
import org.behalf.kernel.DatabaseConflicts;
import org.behalf.kernel.KeyedBatches;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Authorization Server's JDBC store, with token values stored only as SHA-256 hashes
 * (DESIGN.md section 3: secrets stored hashed) and found through an indexed table of hashes instead
 * of a scan of its blob columns.
 *
 * <p>A look-up by token answers the authorization with that one token's plain value restored (the
 * caller presented it), so the stock providers work unchanged. A refresh token that is no longer
 * the authorization's current one has been rotated away: presenting it again is reuse, and revokes
 * every token of the authorization (RFC 9700 section 4.14.2; SECURITY-CASES 15).
 *
 * <p>An authorization that is one access token and nothing else (client credentials, delegation
 * tokens) is kept as its index row alone: see {@link StandaloneTokens}.
 *
 * <p>Each call runs on one connection (docs/security.md rule 41): the stock store's row mapper, and
 * {@link StandaloneTokens}', look the registered client up while the authorization's result set
 * is still open. Outside a transaction that look-up took a second connection from the pool while
 * the first was held, so more concurrent userinfo or introspection calls than the pool has
 * connections each held one and waited for another, and the node froze until the pool's timeout.
 * In a transaction (joined when the caller has one) both statements share the bound connection.
 *
 * <p>Look-ups that find an active access token are remembered by this node ({@link TokenStates});
 * every change that can end one (revocation, sign-out, refresh, a deleted client, a closed account)
 * is recorded as a revocation in its own transaction, so that every node forgets them.
 */
public class HashedAuthorizationService implements OAuth2AuthorizationService, org.behalf.identity.api.AppTokens,
        org.behalf.identity.api.IssuedTokens {

    /** The one key of {@link #issuing}: every newly issued standalone token may share a batch. */
    private static final String ISSUED = "issued";
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    /** A code and a refresh token are used once each; a look-up for their use marks the authorization it answers with this. */
    private static final String PRESENTED = HashedAuthorizationService.class.getName() + ".presented";
    private static final java.util.Set<String> USED_ONCE = java.util.Set.of(OAuth2ParameterNames.CODE,
            OAuth2TokenType.REFRESH_TOKEN.getValue());
    private static final List<Class<? extends OAuth2Token>> TOKEN_CLASSES = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

    private final OAuth2AuthorizationService store;
    private final StandaloneTokens standalone;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate oneConnection;
    private final TokenStates states;
    private final RegisteredClientRepository clients;
    private final ApplicationEventPublisher events;
    private final KeyedBatches<OAuth2Authorization, OAuth2Authorization> issuing = new KeyedBatches<>(this::storeTogether);

    public HashedAuthorizationService(OAuth2AuthorizationService store, JdbcTemplate jdbc, RegisteredClientRepository clients,
                                      PlatformTransactionManager transactions, TokenStates states, ApplicationEventPublisher events) {
        this.clients = clients;
        this.events = events;
        this.oneConnection = new TransactionTemplate(transactions);
        this.states = states;
        this.store = store;
        this.standalone = new StandaloneTokens(jdbc, clients);
        this.jdbc = jdbc;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (StandaloneTokens.fits(authorization)) {
            if (!authorization.getAccessToken().isInvalidated()) {
                // One statement and no look-up: no transaction needed (client credentials issue here, scripts/bench tokens).
                // Outside a transaction, the rows of tokens issued at the same moment go in one INSERT, which with its
                // commit was most of the token endpoint's cost (docs/operations.md, 2026-12-06). Each caller returns
                // once its own row is committed, or throws what the INSERT threw.
                if (TransactionSynchronizationManager.isActualTransactionActive()) {
                    standalone.save(authorization);
                } else {
                    issuing.run(ISSUED, authorization);
                }
                return;
            }
            oneConnection.executeWithoutResult(status -> {
                standalone.save(authorization);
                states.revoked();
            });
            return;
        }
        String presented = authorization.getAttribute(PRESENTED);
        OAuth2Authorization toStore = presented == null ? authorization
                : OAuth2Authorization.from(authorization).attributes(attributes -> attributes.remove(PRESENTED)).build();
        boolean used;
        try {
            used = oneConnection.execute(status -> {
                if (presented != null && usedUp(toStore, presented) && !claim(presented)) {
                    // Another request used it first, between our look-up and this save: reuse (RFC 9700 section 4.14.2, RFC 6749
                    // section 4.1.2), which ends the whole family as a later reuse does (docs/security.md rules 14 and 15).
                    OAuth2Authorization current = store.findById(toStore.getId());
                    if (current != null) {
                        revokeReusedFamilyInTransaction(current);
                    }
                    return false;
                }
                boolean endsAnAccessToken = endsAnAccessToken(toStore);
                saveWhole(toStore);
                if (endsAnAccessToken) {
                    states.revoked();
                }
                return true;
            });
        } catch (PessimisticLockingFailureException conflict) {
            if (presented == null || TransactionSynchronizationManager.isActualTransactionActive()) {
                throw conflict;
            }
            // A lock of this sign-in not had in time (a deadlock, a Galera conflict, H2's two-second lock wait) while its code
            // or refresh token was being used: another request is using or ending the same sign-in right now, in practice
            // presenting the same token. Nothing of this save was kept; it is reuse, as a claim lost is, and ends the family
            // (RFC 9700 section 4.14.2; docs/security.md rule 15), not an outage answered 503, which invited a retry of a spent
            // token and which no OAuth client reads (docs/oauth.md: the others are answered invalid_grant; black-box finding).
            retryingConflicts(() -> {
                oneConnection.executeWithoutResult(status -> {
                    OAuth2Authorization current = store.findById(toStore.getId());
                    if (current != null) {
                        revokeReusedFamilyInTransaction(current);
                    }
                });
                return null;
            });
            used = false;
        }
        if (!used && issues(toStore)) {
            // The token endpoint's loser gets invalid_grant, not tokens that were just revoked; a revocation that lost
            // the same race has nothing to add: the family it meant to end has ended.
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "This code or refresh token was already used; every token it gave is revoked.", null));
        }
    }

    /**
     * The work run again when it lost a lock conflict, as often and with the same pauses as any work
     * run again ({@link DatabaseConflicts}): a family's revocation must happen, and each time waits
     * for the rows' holders (other uses of the same sign-in) to end; a deadlock's victims, tried again
     * at once, met each other again (H2, black-box finding). Inside a caller's transaction the conflict
     * is the caller's: that transaction is already rolled back.
     */
    private <T> T retryingConflicts(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException conflict) {
                if (attempt == DatabaseConflicts.MAX_ATTEMPTS || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw conflict;
                }
                DatabaseConflicts.pause(attempt + 1);
            }
        }
    }

    /** Whether this save issues an access token (a code redeemed, a refresh), rather than only ending one. */
    private static boolean issues(OAuth2Authorization saved) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = saved.getAccessToken();
        return access != null && !access.isInvalidated() && !access.getToken().getTokenValue().startsWith(TokenHashes.PREFIX);
    }

    /** Whether this save ends the presented code or refresh token (used, rotated away or revoked), so that it must be the first to. */
    private static boolean usedUp(OAuth2Authorization saved, String presented) {
        OAuth2Authorization.Token<? extends OAuth2Token> token = saved.getToken(presented);
        return token == null || token.isInvalidated();
    }

    /**
     * Two requests that present the same code or refresh token at once both found it unused, and
     * both would have saved tokens of their own; this one statement lets only the first through: its
     * row lock makes the second wait for the first's commit, then find the token used.
     */
    private boolean claim(String presented) {
        return jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE token_hash = ? AND invalidated = FALSE",
                TokenHashes.sha256(presented)) == 1;
    }

    @Override
    public void storeIssued(List<OAuth2Authorization> issued) {
        if (!issued.stream().allMatch(authorization -> StandaloneTokens.fits(authorization)
                && !authorization.getAccessToken().isInvalidated())) {
            throw new IllegalArgumentException("only newly issued access tokens are stored together");
        }
        standalone.insertAll(issued);
    }

    /**
     * A batch of newly issued tokens: one INSERT. Should a row be there already (a token saved twice before it
     * was revoked), each is saved alone instead, as {@link StandaloneTokens#save} does.
     */
    private List<KeyedBatches.Outcome<OAuth2Authorization>> storeTogether(String key, List<OAuth2Authorization> issued) {
        try {
            standalone.insertAll(issued);
        } catch (DuplicateKeyException again) {
            issued.forEach(standalone::save);
        }
        return issued.stream().map(KeyedBatches.Outcome::of).toList();
    }

    /**
     * Whether saving this authorization ends an access token some node may remember: it invalidates
     * its access token (revocation, sign-out), or replaces one (a refresh). A first sign-in does not.
     */
    private boolean endsAnAccessToken(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access == null) {
            return false;
        }
        if (access.isInvalidated()) {
            return true;
        }
        return !access.getToken().getTokenValue().startsWith(TokenHashes.PREFIX)
                && jdbc.queryForObject("SELECT COUNT(*) FROM identity_token_index WHERE authorization_id = ? AND token_type = ?",
                Integer.class, authorization.getId(), OAuth2TokenType.ACCESS_TOKEN.getValue()) > 0;
    }

    private void saveWhole(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder hashed = OAuth2Authorization.from(authorization);
        AuthorizingBrowser.note(authorization, hashed);
        for (Class<? extends OAuth2Token> type : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null) {
                index(TokenHashes.keyOf(token.getToken().getTokenValue()), typeName(type), authorization.getId(), token.isInvalidated());
                if (!token.getToken().getTokenValue().startsWith(TokenHashes.PREFIX)) {
                    hashed.token(withValue(token.getToken(), TokenHashes.PREFIX + TokenHashes.sha256(token.getToken().getTokenValue())),
                            metadata -> metadata.putAll(token.getMetadata()));
                }
            }
        }
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        if (state != null) {
            index(TokenHashes.sha256(state), STATE.getValue(), authorization.getId(), false);
        }
        store.save(hashed.build());
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        oneConnection.executeWithoutResult(status -> {
            store.remove(authorization);
            jdbc.update("DELETE FROM identity_token_index WHERE authorization_id = ?", authorization.getId());
            states.revoked();
        });
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return oneConnection.execute(status -> {
            OAuth2Authorization stored = store.findById(id);
            return stored != null ? stored : standalone.findById(id);
        });
    }

    /**
     * Remembered only when the token found is an active access token: refresh tokens and codes are
     * used once each, and a look-up by one of them can revoke a whole family.
     */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        String key = "authorization " + (tokenType == null ? "" : tokenType.getValue()) + " " + TokenHashes.sha256(token);
        OAuth2Authorization known = states.get(key);
        if (known != null) {
            return known;
        }
        long mark = states.mark();
        // A rotated-away refresh token revokes its family here, which waits for the locks of the family's other uses.
        OAuth2Authorization found = retryingConflicts(() -> oneConnection.execute(status -> findByTokenOnOneConnection(token, tokenType)));
        OAuth2Authorization.Token<OAuth2AccessToken> access = found == null ? null : found.getAccessToken();
        if (access != null && access.getToken().getTokenValue().equals(token) && access.isActive()) {
            states.remember(key, found, mark);
        }
        return found;
    }

    private OAuth2Authorization findByTokenOnOneConnection(String token, OAuth2TokenType tokenType) {
        String hash = TokenHashes.sha256(token);
        Optional<Map<String, Object>> row = jdbc.queryForList(
                "SELECT token_type, authorization_id, standalone FROM identity_token_index WHERE token_hash = ?", hash).stream().findFirst();
        if (row.isEmpty()) {
            return null;
        }
        String type = (String) row.get().get("token_type");
        if (tokenType != null && !tokenType.getValue().equals(type)) {
            return null;
        }
        if (Boolean.TRUE.equals(row.get().get("standalone"))) {
            return standalone.findByToken(token);
        }
        OAuth2Authorization stored = store.findById((String) row.get().get("authorization_id"));
        if (stored == null) {
            return null;
        }
        if (STATE.getValue().equals(type)) {
            return token.equals(stored.getAttribute(OAuth2ParameterNames.STATE)) ? stored : null;
        }
        for (Class<? extends OAuth2Token> candidate : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> current = stored.getToken(candidate);
            if (current != null && current.getToken().getTokenValue().equals(TokenHashes.PREFIX + hash)) {
                OAuth2Authorization.Builder found = OAuth2Authorization.from(stored).token(withValue(current.getToken(), token),
                        metadata -> metadata.putAll(current.getMetadata()));
                if (tokenType != null && USED_ONCE.contains(tokenType.getValue())) {
                    // Looked up to be used (the token endpoint names the type; introspection and revocation may not).
                    found.attribute(PRESENTED, token);
                }
                return found.build();
            }
        }
        if (OAuth2TokenType.REFRESH_TOKEN.getValue().equals(type)) {
            revokeReusedFamilyInTransaction(stored);
        }
        return null;
    }

    /**
     * Whether an access token is one we issued and nobody has revoked: remembered by this node, else
     * one primary-key read.
     */
    public boolean active(String accessToken) {
        String hash = TokenHashes.sha256(accessToken);
        String key = "active " + hash;
        if (states.get(key) != null) {
            return true;
        }
        long mark = states.mark();
        List<Boolean> invalidated = jdbc.queryForList("SELECT invalidated FROM identity_token_index WHERE token_hash = ?",
                Boolean.class, hash);
        boolean active = !invalidated.isEmpty() && !invalidated.get(0);
        if (active) {
            states.remember(key, Boolean.TRUE, mark);
        }
        return active;
    }

    /** Revokes every token of an authorization (signing out one session, or all but one). */
    public void revoke(String authorizationId) {
        oneConnection.executeWithoutResult(status -> {
            OAuth2Authorization authorization = findById(authorizationId);
            if (authorization != null) {
                revokeFamily(authorization);
            }
        });
    }

    /**
     * Revokes the access tokens issued on a member's account without a sign-in of theirs (delegation
     * tokens), and the delegation tokens the member holds as delegate on other accounts.
     */
    public void revokeStandaloneOf(String memberId) {
        oneConnection.executeWithoutResult(status -> {
            standalone.revokeAllOf(memberId);
            states.revoked();
        });
    }

    /** Revokes every token a client holds, its members' sign-ins through it and its own (deleting the client). */
    public void revokeClient(String registeredClientId) {
        oneConnection.executeWithoutResult(status -> {
            jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE authorization_id IN "
                    + "(SELECT id FROM oauth2_authorization WHERE registered_client_id = ?)", registeredClientId);
            jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE registered_client_id = ?", registeredClientId);
            states.revoked();
        });
    }

    /**
     * Revokes every token a client holds from a member's sign-ins (access, refresh, codes, ID tokens)
     * and drops those sign-ins: the member withdrew their consent to it. The index rows stay,
     * invalidated, so a token presented later is refused, as after deleting a client. Answers how
     * many sign-ins ended.
     */
    public int revokeClientFor(String registeredClientId, String principalName) {
        return oneConnection.execute(status -> {
            jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE authorization_id IN "
                    + "(SELECT id FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?)",
                    registeredClientId, principalName);
            int ended = jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?",
                    registeredClientId, principalName);
            states.revoked();
            return ended;
        });
    }

    /**
     * The index does not keep a delegation token's actor, so this ends the client's delegation tokens
     * on the holders' accounts whoever acts in them: another delegate of the same holder through the
     * same app exchanges again (their grant is untouched), which errs on the side of the withdrawal.
     */
    @Override
    public void revokeDelegationTokens(String clientId, java.util.Collection<String> holderIds) {
        if (holderIds.isEmpty()) {
            return;
        }
        oneConnection.executeWithoutResult(status -> {
            List<Object> arguments = new ArrayList<>();
            arguments.add(clientId);
            arguments.add(AuthorizationGrantType.TOKEN_EXCHANGE.getValue());
            arguments.addAll(holderIds);
            jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE standalone = TRUE AND registered_client_id = "
                    + "(SELECT id FROM oauth2_registered_client WHERE client_id = ?) AND grant_type = ? AND principal_name IN ("
                    + String.join(", ", java.util.Collections.nCopies(holderIds.size(), "?")) + ")", arguments.toArray());
            states.revoked();
        });
    }

    /** Drops the rows of standalone tokens that have expired, and revocations every node has read; answers how many tokens. */
    public int deleteExpired(Instant now) {
        states.sweep(now.minus(Duration.ofMinutes(10)));
        return standalone.deleteExpired(now);
    }

    /** The authorization a token belongs to, or null. */
    public String authorizationOf(String token) {
        return jdbc.queryForList("SELECT authorization_id FROM identity_token_index WHERE token_hash = ?", String.class,
                TokenHashes.sha256(token)).stream().findFirst().orElse(null);
    }

    /** In one transaction with the revocation it records: a node that read it between them would remember a revoked token. */
    private void revokeFamily(OAuth2Authorization authorization) {
        oneConnection.executeWithoutResult(status -> revokeFamilyInTransaction(authorization));
    }

    /**
     * A reused code or refresh token, taken as theft: its family ends, and with it the delegation
     * tokens the app got by exchanging the family's access tokens ({@link ReusedTokenFamilyRevoked}),
     * as when the member withdraws their consent (RFC 9700 section 4.14.2; black-box finding: those
     * kept working until they expired). Called inside a transaction (the look-up's or the save's).
     */
    private void revokeReusedFamilyInTransaction(OAuth2Authorization authorization) {
        revokeFamilyInTransaction(authorization);
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        if (client != null) {
            events.publishEvent(new ReusedTokenFamilyRevoked(authorization.getPrincipalName(), client.getClientId()));
        }
    }

    private void revokeFamilyInTransaction(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder revoked = OAuth2Authorization.from(authorization);
        List<OAuth2Token> tokens = new ArrayList<>();
        for (Class<? extends OAuth2Token> type : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null) {
                tokens.add(token.getToken());
            }
        }
        tokens.forEach(revoked::invalidate);
        save(revoked.build());
        jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE authorization_id = ?", authorization.getId());
        states.revoked();
    }

    /** One statement: an UPDATE-then-INSERT would take gap locks that concurrent saves deadlock on. */
    private void index(String hash, String type, String authorizationId, boolean invalidated) {
        jdbc.update("INSERT INTO identity_token_index (token_hash, token_type, authorization_id, invalidated) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE invalidated = ?", hash, type, authorizationId, invalidated, invalidated);
    }

    private static String typeName(Class<? extends OAuth2Token> type) {
        if (type == OAuth2AuthorizationCode.class) {
            return OAuth2ParameterNames.CODE;
        }
        if (type == OAuth2AccessToken.class) {
            return OAuth2TokenType.ACCESS_TOKEN.getValue();
        }
        if (type == OAuth2RefreshToken.class) {
            return OAuth2TokenType.REFRESH_TOKEN.getValue();
        }
        return "id_token";
    }

    @SuppressWarnings("unchecked")
    private static <T extends OAuth2Token> T withValue(T token, String value) {
        if (token instanceof OAuth2AuthorizationCode code) {
            return (T) new OAuth2AuthorizationCode(value, code.getIssuedAt(), code.getExpiresAt());
        }
        if (token instanceof OAuth2AccessToken access) {
            return (T) new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(), access.getScopes());
        }
        if (token instanceof OAuth2RefreshToken refresh) {
            return (T) new OAuth2RefreshToken(value, refresh.getIssuedAt(), refresh.getExpiresAt());
        }
        OidcIdToken id = (OidcIdToken) token;
        return (T) new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
    }
}
