package org.behalf.audit.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key-encryption key, from {@code behalf.key-encryption-key} ({@code BEHALF_KEY_ENCRYPTION_KEY};
 * docs/configuration.md). Read by {@link KeyEncryption}, and by the server's start-up check that a
 * deployment does not run on the development key (docs/security.md rule 38).
 *
 * @param keyEncryptionKey secret text whose SHA-256 is the AES-256-GCM key encrypting private keys at rest; the same on every node. Empty: a development key, warned about at start
 */
@ConfigurationProperties("behalf")
public record KeyEncryptionSettings(@DefaultValue("") String keyEncryptionKey) {
}
