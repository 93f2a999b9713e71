package org.behalf.identity.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authorizations that are one access token and nothing else, kept as one row of the token index
 * instead of Spring Authorization Server's serialized blobs: client-credentials tokens and
 * delegation tokens (RFC 8693), whose issuance is the hot path. Nothing is lost: their claims are in
 * the token, which whoever looks one up presents (introspection, revocation), and whose hash proves
 * it is the one issued.
 */
final class StandaloneTokens {

    private static final Set<AuthorizationGrantType> GRANT_TYPES = Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS,
            AuthorizationGrantType.TOKEN_EXCHANGE);
    private static final Converter<Map<String, Object>, Map<String, Object>> CLAIM_TYPES =
            MappedJwtClaimSetConverter.withDefaults(Map.of());
    private static final int SWEEP_BATCH = 10_000;
    private static final String COLUMNS = "token_hash, authorization_id, invalidated, registered_client_id, principal_name, "
            + "grant_type, issued_at, expires_at";
    private static final String INSERT = "INSERT INTO identity_token_index (token_hash, token_type, authorization_id, invalidated, "
            + "standalone, registered_client_id, principal_name, grant_type, issued_at, expires_at, actor_name) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;

    StandaloneTokens(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    /** Whether the authorization is an access token alone, of a grant that never adds anything to it. */
    static boolean fits(OAuth2Authorization authorization) {
        return GRANT_TYPES.contains(authorization.getAuthorizationGrantType()) && authorization.getAccessToken() != null
                && authorization.getToken(OAuth2RefreshToken.class) == null && authorization.getToken(OAuth2AuthorizationCode.class) == null
                && authorization.getToken(OidcIdToken.class) == null && authorization.getAttribute(OAuth2ParameterNames.STATE) == null;
    }

    /** Issuing writes the row; saving it again (revocation) can only change whether it is invalidated. */
    void save(OAuth2Authorization authorization) {
        List<Object> values = row(authorization);
        values.add(authorization.getAccessToken().isInvalidated());
        jdbc.update(INSERT + ROW + " ON DUPLICATE KEY UPDATE invalidated = ?", values.toArray());
    }

    /** Newly issued tokens, in one statement (a batch of one grant's token exchanges, under its lock). */
    void insertAll(List<OAuth2Authorization> issued) {
        List<Object> values = new ArrayList<>(issued.size() * 10);
        issued.forEach(authorization -> values.addAll(row(authorization)));
        jdbc.update(INSERT + String.join(", ", Collections.nCopies(issued.size(), ROW)), values.toArray());
    }

    private static List<Object> row(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        OAuth2AccessToken access = token.getToken();
        return new ArrayList<>(Arrays.asList(TokenHashes.keyOf(access.getTokenValue()), OAuth2TokenType.ACCESS_TOKEN.getValue(),
                authorization.getId(), token.isInvalidated(), authorization.getRegisteredClientId(), authorization.getPrincipalName(),
                authorization.getAuthorizationGrantType().getValue(), timestamp(access.getIssuedAt()), timestamp(access.getExpiresAt()),
                actor(token.getClaims())));
    }

    /** Who a delegation token acts for, its {@code act.sub} (RFC 8693 section 4.1); null for any other token. */
    private static String actor(Map<String, Object> claims) {
        return claims != null && claims.get("act") instanceof Map<?, ?> act && act.get("sub") instanceof String sub ? sub : null;
    }

    /** The authorization of a presented token, its claims read from the token itself; null if none. */
    OAuth2Authorization findByToken(String token) {
        return jdbc.query("SELECT " + COLUMNS + " FROM identity_token_index WHERE token_hash = ? AND standalone = TRUE",
                (rs, n) -> rebuild(rs, token), TokenHashes.sha256(token)).stream().filter(a -> a != null).findFirst().orElse(null);
    }

    /** The authorization with this id, with its token's stored hash in place of the value; null if none. */
    OAuth2Authorization findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM identity_token_index WHERE authorization_id = ? AND standalone = TRUE",
                (rs, n) -> rebuild(rs, null), id).stream().filter(a -> a != null).findFirst().orElse(null);
    }

    /**
     * Revokes every standalone token issued on a member's account, and every delegation token the
     * member holds on another's (closing it, SECURITY-CASES 30): a closed assistant's tokens for its
     * holders' grants passed as valid until they expired, and each call was recorded in the holder's
     * log (black-box finding, 2026-12-07). Two statements, each on its own index.
     */
    void revokeAllOf(String memberId) {
        jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE principal_name = ? AND standalone = TRUE", memberId);
        jdbc.update("UPDATE identity_token_index SET invalidated = TRUE WHERE actor_name = ? AND standalone = TRUE", memberId);
    }

    /**
     * Expired tokens answer inactive with or without their row: the row can go. In batches, so that
     * ten minutes of tokens under load (over a million rows) never make one long transaction.
     */
    int deleteExpired(Instant now) {
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.update("DELETE FROM identity_token_index WHERE standalone = TRUE AND expires_at < ? LIMIT " + SWEEP_BATCH,
                    timestamp(now));
            deleted += batch;
        } while (batch == SWEEP_BATCH);
        return deleted;
    }

    private OAuth2Authorization rebuild(ResultSet rs, String presented) throws SQLException {
        RegisteredClient client = clients.findById(rs.getString("registered_client_id"));
        if (client == null) {
            return null;
        }
        Map<String, Object> claims = presented == null ? Map.of() : claims(presented);
        Set<String> scopes = scopes(claims.get(OAuth2ParameterNames.SCOPE));
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                presented != null ? presented : TokenHashes.PREFIX + rs.getString("token_hash"),
                instant(rs.getTimestamp("issued_at")), instant(rs.getTimestamp("expires_at")), scopes);
        boolean invalidated = rs.getBoolean("invalidated");
        return OAuth2Authorization.withRegisteredClient(client)
                .id(rs.getString("authorization_id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(scopes)
                .token(access, metadata -> {
                    metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated);
                    if (!claims.isEmpty()) {
                        metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
                    }
                })
                .build();
    }

    /** Claims typed as a JWT decoder types them (instants, audience list), as they were when issued. */
    private static Map<String, Object> claims(String token) {
        try {
            return new HashMap<>(CLAIM_TYPES.convert(JWTParser.parse(token).getJWTClaimsSet().getClaims()));
        } catch (ParseException e) {
            return Map.of();
        }
    }

    private static Set<String> scopes(Object claim) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> scopes.add(String.valueOf(value)));
        } else if (claim instanceof String value && !value.isBlank()) {
            scopes.addAll(List.of(value.trim().split("\\s+")));
        }
        return scopes;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
