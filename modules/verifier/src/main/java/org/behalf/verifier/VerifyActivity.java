package org.behalf.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an activity-log export offline (DESIGN.md section 7):
 * {@code VerifyActivity EXPORT CHECKPOINT... PUBLIC-KEYS} (a file of one or more verifier keys). Walks the export in order, recomputing
 * each entry's hash from its content and its predecessor's; checks that sequence numbers run 1, 2,
 * 3… without gaps, and that each checkpoint is signed by the key and matches the entry of its size.
 * Two checkpoints of one size with different heads are a fork. Prints {@code valid up to seq N}
 * (exit 0) or {@code invalid at seq N: why} (exit 1).
 */
public final class VerifyActivity {

    /** The outcome: {@code firstBad} is 0 when everything verified. */
    public record Result(long validUpTo, long firstBad, String why) {

        public boolean valid() {
            return firstBad == 0;
        }

        @Override
        public String toString() {
            return valid() ? "valid up to seq " + validUpTo : "invalid at seq " + firstBad + ": " + why;
        }
    }

    private VerifyActivity() {
    }

    /**
     * An exported line is the canonical form of its entry, in which {@code "hash"} always follows
     * another member. Hashing the line without that member is then exactly the rule, with no
     * re-serialisation; a line whose bytes do not give its hash (re-formatted, or tampered with) is
     * canonicalised from its parsed form, so only the content decides (DESIGN.md section 7).
     */
    static String hashOf(String line, String declared, String previous, tools.jackson.databind.node.ObjectNode entry) {
        String member = ",\"hash\":\"" + declared + "\"";
        int at = line.indexOf(member);
        if (at > 0 && declared.length() == 64) {
            String fast = EntryHash.compute(previous.length() == 64 ? previous : EntryHash.GENESIS,
                    line.substring(0, at) + line.substring(at + member.length()));
            if (fast.equals(declared) && previous.equals(entry.path("prevHash").asString())) {
                return fast;
            }
        }
        return EntryHash.ofWithoutHash(entry.without("hash"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: verify-activity EXPORT.jsonl CHECKPOINT [CHECKPOINT...] PUBLIC-KEY");
            System.exit(2);
        }
        List<String> checkpoints = new ArrayList<>();
        for (int i = 1; i < args.length - 1; i++) {
            checkpoints.add(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
        }
        String key = Files.readString(Path.of(args[args.length - 1]), StandardCharsets.UTF_8);
        Result result;
        try (BufferedReader export = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            result = verify(export, checkpoints, key);
        }
        System.out.println(result);
        System.exit(result.valid() ? 0 : 1);
    }

    /**
     * {@code verifierKeys} holds one or more verifier keys, one per line (the platform's published
     * list, retired keys included): a checkpoint is good if any of them signed it.
     */
    public static Result verify(BufferedReader export, List<String> notes, String verifierKeys) throws IOException {
        List<SignedNote.VerifierKey> keys = verifierKeys.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(SignedNote.VerifierKey::parse).toList();
        List<SignedNote.Checkpoint> checkpoints = new ArrayList<>();
        for (String note : notes) {
            SignedNote.Checkpoint verified = null;
            String why = "no verifier key given";
            for (SignedNote.VerifierKey key : keys) {
                try {
                    verified = SignedNote.verify(note, key);
                    break;
                } catch (IllegalArgumentException e) {
                    why = e.getMessage();
                }
            }
            if (verified == null) {
                return new Result(0, 1, "checkpoint: " + why);
            }
            checkpoints.add(verified);
        }
        for (SignedNote.Checkpoint a : checkpoints) {
            for (SignedNote.Checkpoint b : checkpoints) {
                if (a.size() == b.size() && !a.headHashHex().equals(b.headHashHex())) {
                    return new Result(0, a.size(), "fork: two signed checkpoints of size " + a.size() + " with different heads");
                }
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        String previous = EntryHash.GENESIS;
        String account = null;
        long seq = 0;
        String line;
        java.util.Map<Long, String> hashes = new java.util.HashMap<>();
        long needed = checkpoints.stream().mapToLong(SignedNote.Checkpoint::size).max().orElse(0);
        while ((line = export.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            long expected = seq + 1;
            JsonNode entry;
            try {
                entry = json.readTree(line);
            } catch (RuntimeException e) {
                return new Result(seq, expected, "not a JSON entry");
            }
            if (!entry.isObject()) {
                return new Result(seq, expected, "not a JSON entry");
            }
            if (entry.path("seq").asLong() != expected) {
                return new Result(seq, expected, "found seq " + entry.path("seq").asString() + " where " + expected + " should be");
            }
            if (account == null) {
                account = entry.path("account").asString();
            } else if (!account.equals(entry.path("account").asString())) {
                return new Result(seq, expected, "an entry of another account");
            }
            if (!previous.equals(entry.path("prevHash").asString())) {
                return new Result(seq, expected, "prevHash does not match the previous entry's hash");
            }
            String declared = entry.path("hash").asString();
            String hash = hashOf(line, declared, previous, (tools.jackson.databind.node.ObjectNode) entry);
            if (!hash.equals(declared)) {
                return new Result(seq, expected, "the content does not match its hash");
            }
            previous = hash;
            seq = expected;
            if (seq <= needed) {
                hashes.put(seq, hash);
            }
        }
        for (SignedNote.Checkpoint checkpoint : checkpoints) {
            if (account != null && !checkpoint.origin().endsWith("/" + account)) {
                return new Result(seq, checkpoint.size(), "the checkpoint is for another account's log");
            }
            if (checkpoint.size() > seq) {
                return new Result(seq, seq + 1, "the checkpoint covers " + checkpoint.size() + " entries; the export ends at " + seq
                        + " (truncated)");
            }
            if (checkpoint.size() > 0 && !checkpoint.headHashHex().equals(hashes.get(checkpoint.size()))) {
                return new Result(checkpoint.size() - 1, checkpoint.size(), "the entry does not match the signed checkpoint");
            }
        }
        return new Result(seq, 0, null);
    }
}
