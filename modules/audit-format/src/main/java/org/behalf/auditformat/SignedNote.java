package org.behalf.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checkpoints as C2SP signed notes (tlog-checkpoint): a body of three lines, the origin naming the
 * account's log, the size (the last sequence number) and the base64 of the head entry's hash
 * bytes; a blank line; then signature lines {@code — <key name> <base64(key id ‖ Ed25519
 * signature)>}. The key id is the first four bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key),
 * and a verifier key is written {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>}.
 */
public final class SignedNote {

    private static final byte ED25519 = 0x01;
    private static final String DASH = "\u2014 ";

    /** A parsed checkpoint body. */
    public record Checkpoint(String origin, long size, String headHashHex) {

        public String body() {
            return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(headHashHex)) + "\n";
        }
    }

    /** A verifier key: its name, id and Ed25519 public key. */
    public record VerifierKey(String name, byte[] keyId, byte[] publicKey) {

        public static VerifierKey parse(String text) {
            // The base64 part may itself contain "+": only the first two separate fields.
            String[] parts = text.strip().split("\\+", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a verifier key is <name>+<key id hex>+<base64 key>");
            }
            byte[] key = Base64.getDecoder().decode(parts[2]);
            if (key.length != 33 || key[0] != ED25519) {
                throw new IllegalArgumentException("not an Ed25519 verifier key");
            }
            byte[] publicKey = Arrays.copyOfRange(key, 1, 33);
            byte[] id = SignedNote.keyId(parts[0], publicKey);
            if (!HexFormat.of().formatHex(id).equals(parts[1].toLowerCase())) {
                throw new IllegalArgumentException("the key id does not match the key");
            }
            return new VerifierKey(parts[0], id, publicKey);
        }

        public static VerifierKey of(String name, byte[] publicKey) {
            return new VerifierKey(name, SignedNote.keyId(name, publicKey), publicKey);
        }

        public String encoded() {
            byte[] key = new byte[33];
            key[0] = ED25519;
            System.arraycopy(publicKey, 0, key, 1, 32);
            return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(key);
        }
    }

    private SignedNote() {
    }

    /** Signs a checkpoint body with an Ed25519 private key (32-byte seed). */
    public static String sign(Checkpoint checkpoint, String keyName, byte[] privateKey) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(privateKey, 0);
        byte[] body = checkpoint.body().getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(body, 0, body.length);
        byte[] signature = signer.generateSignature();
        byte[] id = keyId(keyName, key.generatePublicKey().getEncoded());
        byte[] line = new byte[4 + signature.length];
        System.arraycopy(id, 0, line, 0, 4);
        System.arraycopy(signature, 0, line, 4, signature.length);
        return checkpoint.body() + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    /**
     * The checkpoint of a note, if a signature line by {@code key} verifies over its body;
     * otherwise an exception saying why.
     */
    public static Checkpoint verify(String note, VerifierKey key) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("not a signed note: no blank line after the body");
        }
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint body has an origin, a size and a hash");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = new Checkpoint(lines[0], Long.parseLong(lines[1]),
                    HexFormat.of().formatHex(Base64.getDecoder().decode(lines[2])));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's size or hash is malformed");
        }
        List<String> signatures = new ArrayList<>(Arrays.asList(note.substring(split + 2).split("\n")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (String line : signatures) {
            if (!line.startsWith(DASH + key.name() + " ")) {
                continue;
            }
            byte[] signature = Base64.getDecoder().decode(line.substring(DASH.length() + key.name().length() + 1));
            if (signature.length != 68 || !Arrays.equals(Arrays.copyOf(signature, 4), key.keyId())) {
                continue;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
            verifier.update(bytes, 0, bytes.length);
            if (verifier.verifySignature(Arrays.copyOfRange(signature, 4, 68))) {
                return checkpoint;
            }
        }
        throw new IllegalArgumentException("no valid signature by " + key.name() + " on the checkpoint");
    }

    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0x0A);
            sha256.update(ED25519);
            sha256.update(publicKey);
            return Arrays.copyOf(sha256.digest(), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
