package org.behalf.audit.chain;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import org.behalf.audit.api.KeyEncryption;
import org.behalf.auditformat.SignedNote;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The platform's audit key (Ed25519, Bouncy Castle): generated on first use, stored encrypted,
 * shared by every node. Retired keys stay published so that the checkpoints they signed verify.
 */
@Component
public class AuditKeys {

    private final JdbcTemplate jdbc;
    private final KeyEncryption encryption;
    private final Clock clock;
    private final String name;
    private volatile Signing current;

    AuditKeys(JdbcTemplate jdbc, KeyEncryption encryption, Clock clock, AuditSettings settings) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
        this.name = settings.keyName();
    }

    record Signing(String keyId, String name, byte[] privateKey) {
    }

    /**
     * The active key, as the shared table says now. The operator rotates keys with a separate
     * process (KeyRotationCommand) that cannot reach this node's memory, so a key held for the
     * life of the process would go on signing after its retirement. Only a new checkpoint asks
     * (at most one per log a minute), so one look at the active key's id each time costs little;
     * the private key is decrypted again only when that id changed.
     */
    Signing signing() {
        List<String> active = jdbc.queryForList("SELECT key_id FROM audit_key WHERE retired_at IS NULL ORDER BY created_at DESC, key_id DESC LIMIT 1",
                String.class);
        Signing signing = current;
        if (signing == null || active.isEmpty() || !active.get(0).equals(signing.keyId())) {
            signing = load();
            current = signing;
        }
        return signing;
    }

    List<String> published() {
        signing();
        return jdbc.queryForList("SELECT verifier_key FROM audit_key ORDER BY created_at DESC, key_id DESC", String.class);
    }

    /** Retires the current key (it stays published) and makes a new one; answers its verifier key. */
    public synchronized String rotate() {
        jdbc.update("UPDATE audit_key SET retired_at = ? WHERE retired_at IS NULL", Timestamp.from(clock.instant()));
        current = null;
        return create();
    }

    private synchronized Signing load() {
        List<Signing> active = jdbc.query("SELECT key_id, key_name, private_key FROM audit_key WHERE retired_at IS NULL "
                + "ORDER BY created_at DESC, key_id DESC", (rs, n) -> new Signing(rs.getString(1), rs.getString(2), encryption.decrypt(rs.getString(3),
                "audit-key:" + rs.getString(1))));
        if (!active.isEmpty()) {
            return active.get(0);
        }
        create();
        return load();
    }

    private String create() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.of(name, key.generatePublicKey().getEncoded());
        String keyId = HexFormat.of().formatHex(verifier.keyId());
        jdbc.update("INSERT INTO audit_key (key_id, key_name, verifier_key, private_key, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)",
                keyId, name, verifier.encoded(), encryption.encrypt(key.getEncoded(), "audit-key:" + keyId),
                Timestamp.from(clock.instant()));
        return verifier.encoded();
    }
}
