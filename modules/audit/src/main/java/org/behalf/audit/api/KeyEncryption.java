package org.behalf.audit.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts private keys at rest (token signing keys, audit checkpoint keys) with AES-256-GCM
 * (DESIGN.md section 3: private keys are stored
 * encrypted). The key-encryption key comes from {@code BEHALF_KEY_ENCRYPTION_KEY} (any secret
 * text; its SHA-256 is the AES key). Without one, a fixed development key is used and a warning is
 * logged: fine for {@code scripts/run}, never for production.
 */
@Component
public class KeyEncryption {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
    private static final String DEVELOPMENT_ONLY = "behalf-development-key-encryption-key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    KeyEncryption(KeyEncryptionSettings settings) {
        String secret = settings.keyEncryptionKey();
        if (secret.isBlank()) {
            log.warn("BEHALF_KEY_ENCRYPTION_KEY is not set: private keys are encrypted with the development key. "
                    + "Set it in production.");
            secret = DEVELOPMENT_ONLY;
        }
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64(12-byte nonce ‖ ciphertext ‖ tag); {@code context} is bound as associated data. */
    public String encrypt(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(String sealed, String context) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, 12, in.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored private key cannot be decrypted: is BEHALF_KEY_ENCRYPTION_KEY the one it was stored with?");
        }
    }
}
