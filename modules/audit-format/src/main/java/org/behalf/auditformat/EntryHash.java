package org.behalf.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash rule of an activity entry (DESIGN.md section 7):
 * {@code hash = SHA-256(the 32 bytes prevHash encodes ‖ UTF-8 of the RFC 8785 canonical JSON of
 * the entry without "hash")}, in lower-case hex; the {@code prevHash} of sequence number 1 is 64
 * zeros.
 */
public final class EntryHash {

    public static final String GENESIS = "0".repeat(64);

    private EntryHash() {
    }

    /** The hash an entry should carry; the entry's own {@code hash} field, if any, is left out. */
    public static String of(JsonNode entry) {
        ObjectNode withoutHash = ((ObjectNode) entry).deepCopy();
        withoutHash.remove("hash");
        return ofWithoutHash(withoutHash);
    }

    /** The hash of an entry that has no {@code hash} member (the verifier removes it in place, sparing a copy). */
    public static String ofWithoutHash(ObjectNode entry) {
        return compute(entry.path("prevHash").asString(), CanonicalJson.of(entry));
    }

    public static String compute(String prevHashHex, String canonicalEntryWithoutHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prevHashHex));
            sha256.update(canonicalEntryWithoutHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
