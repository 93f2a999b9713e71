package org.behalf.events.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (DESIGN.md section 6): {@code v1,} and the base64 of
 * HMAC-SHA256 over {@code id.timestamp.body}, keyed with the base64-decoded part of the secret
 * after {@code whsec_}. Written on the JDK's HMAC because no standard-webhooks library for Java is
 * on Maven Central; the tests check it with an implementation of their own.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";

    private WebhookSignature() {
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
