package org.behalf.events.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.behalf.audit.api.KeyEncryption;
import org.springframework.stereotype.Component;

/**
 * Webhook secrets: 24 random bytes as {@code whsec_} and base64 (Standard Webhooks), shown once and
 * stored sealed with the key-encryption key, since signing needs the secret itself (DESIGN.md
 * section 3: what must be recoverable is stored encrypted; a hash would not do here).
 */
@Component
class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryption encryption;

    WebhookSecrets(KeyEncryption encryption) {
        this.encryption = encryption;
    }

    static String generate() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return WebhookSignature.PREFIX + Base64.getEncoder().encodeToString(key);
    }

    String seal(String secret, String webhookId) {
        return encryption.encrypt(secret.getBytes(StandardCharsets.UTF_8), "webhook-secret:" + webhookId);
    }

    /** The secrets that sign now: the current one, and the previous one during a rotation's grace period. */
    List<String> signing(Webhook hook, Instant now) {
        List<String> signing = new ArrayList<>();
        signing.add(open(hook.secret(), hook.id()));
        if (hook.previousSecret() != null && hook.previousUntil() != null && now.isBefore(hook.previousUntil())) {
            signing.add(open(hook.previousSecret(), hook.id()));
        }
        return signing;
    }

    /**
     * A stream's {@code authorization_header} (SSF 1.0 section 8.1.1), sealed like a webhook's secret:
     * it is the receiver's credential, and each push must send it as given.
     */
    String sealAuthorization(String header, String streamId) {
        return encryption.encrypt(header.getBytes(StandardCharsets.UTF_8), "stream-authorization:" + streamId);
    }

    /** The Authorization header the stream's pushes carry, or null for none. */
    String authorization(Stream stream) {
        return stream.authorization() == null ? null
                : new String(encryption.decrypt(stream.authorization(), "stream-authorization:" + stream.id()), StandardCharsets.UTF_8);
    }

    private String open(String sealed, String webhookId) {
        return new String(encryption.decrypt(sealed, "webhook-secret:" + webhookId), StandardCharsets.UTF_8);
    }
}
