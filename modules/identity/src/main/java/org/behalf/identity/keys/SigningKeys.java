package org.behalf.identity.keys;

import org.behalf.audit.api.KeyEncryption;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys that sign tokens, kept in the database so every node signs with the same key and
 * publishes the same set. Rotation has overlap: a new key is published before it signs, and an old
 * one stays published until the tokens it signed have expired. Read from the database at most
 * every {@link #REFRESH}; each node picks up a rotation within that time.
 */
@Component
public class SigningKeys {

    static final Duration REFRESH = Duration.ofSeconds(30);
    /** Spring Authorization Server's ID tokens live a fixed thirty minutes. */
    public static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcTemplate jdbc;
    private final KeyEncryption encryption;
    private final Clock clock;
    private volatile Loaded loaded;

    SigningKeys(JdbcTemplate jdbc, KeyEncryption encryption, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
    }

    private record Stored(ECKey key, Instant publishedAt, Instant activeAt, Instant retiredAt) {
    }

    private record Loaded(Instant at, ECKey signing, JWKSet published) {
    }

    /** The key that signs now. */
    public ECKey signing() {
        return current().signing();
    }

    /** Every key a verifier should accept now (the JWK Set endpoint's answer, public parts only). */
    public JWKSet published() {
        return current().published();
    }

    /**
     * Adds a new key, published now and signing after {@code overlap}; keys signing until then
     * retire {@code tokenLifetime} after that. Answers the new key id.
     */
    public synchronized String rotate(Duration overlap, Duration tokenLifetime) {
        Instant now = clock.instant();
        Instant activeAt = now.plus(overlap);
        jdbc.update("UPDATE identity_signing_key SET retired_at = ? WHERE retired_at IS NULL",
                Timestamp.from(activeAt.plus(tokenLifetime)));
        String kid = insert(now, activeAt);
        loaded = load(clock.instant());
        return kid;
    }

    /** The cached keys; refreshed under the lock, so that a refresh racing a rotation cannot put old keys back. */
    private Loaded current() {
        Loaded snapshot = loaded;
        if (snapshot == null || snapshot.at().plus(REFRESH).isBefore(clock.instant())) {
            synchronized (this) {
                snapshot = loaded;
                Instant now = clock.instant();
                if (snapshot == null || snapshot.at().plus(REFRESH).isBefore(now)) {
                    snapshot = load(now);
                    loaded = snapshot;
                }
            }
        }
        return snapshot;
    }

    private Loaded load(Instant now) {
        List<Stored> keys = read();
        if (keys.stream().noneMatch(k -> !k.activeAt().isAfter(now) && (k.retiredAt() == null || k.retiredAt().isAfter(now)))) {
            insertFirst(now);
            keys = read();
        }
        ECKey signing = keys.stream()
                .filter(k -> !k.activeAt().isAfter(now) && (k.retiredAt() == null || k.retiredAt().isAfter(now)))
                // Latest to become active wins; on a tie (stored times may have whole-second precision,
                // as Connector/J sends them to MariaDB), a key not scheduled to retire beats one that is.
                .max(Comparator.comparing(Stored::activeAt).thenComparing(k -> k.retiredAt() == null)).orElseThrow().key();
        List<JWK> published = keys.stream()
                .filter(k -> !k.publishedAt().isAfter(now) && (k.retiredAt() == null || k.retiredAt().isAfter(now)))
                .map(k -> (JWK) k.key().toPublicJWK()).toList();
        return new Loaded(now, signing, new JWKSet(published));
    }

    /** The first key of an installation; several nodes starting at once agree on one through the primary key race. */
    private void insertFirst(Instant now) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM identity_signing_key", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        // A second back: a database that rounds stored times to the millisecond may round up, and a
        // key stored as active a fraction after "now" would not sign the very first token.
        String kid = insert(now.minusSeconds(1), now.minusSeconds(1));
        log.info("Generated the first token signing key {}", kid);
    }

    private String insert(Instant publishedAt, Instant activeAt) {
        try {
            String kid = UUID.randomUUID().toString();
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
            jdbc.update("INSERT INTO identity_signing_key (kid, algorithm, public_jwk, private_key, published_at, active_at, retired_at) "
                            + "VALUES (?, 'ES256', ?, ?, ?, ?, NULL)", kid, key.toPublicJWK().toJSONString(),
                    encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), "signing-key:" + kid),
                    Timestamp.from(publishedAt), Timestamp.from(activeAt));
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private List<Stored> read() {
        return jdbc.query("SELECT kid, private_key, published_at, active_at, retired_at FROM identity_signing_key", (rs, n) -> {
            String kid = rs.getString(1);
            try {
                ECKey key = ECKey.parse(new String(encryption.decrypt(rs.getString(2), "signing-key:" + kid), StandardCharsets.UTF_8));
                return new Stored(key, rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());
            } catch (ParseException e) {
                throw new IllegalStateException("stored signing key " + kid + " is not a JWK");
            }
        });
    }
}
