package org.behalf.auditformat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies an activity-log export offline (DESIGN.md section 7):
 * {@code VerifyActivity [--prev-hash HEX] EXPORT CHECKPOINT... PUBLIC-KEYS} (a file of one or more
 * verifier keys). Walks the export in order, recomputing each entry's hash from its content and its
 * predecessor's; checks that every line is byte for byte the canonical JSON (RFC 8785) of its entry,
 * that sequence numbers run without gaps, and that each checkpoint is signed
 * by one of the keys and matches the entry of its size. Two checkpoints of one size with different
 * heads are a fork. Prints {@code valid up to seq N} (exit 0), with {@code (signed up to M)} when
 * the export goes beyond the newest checkpoint, or {@code invalid at seq N: why} (exit 1); bad
 * arguments or unreadable input exit 2.
 *
 * <p>A full export starts at seq 1, whose {@code prevHash} is 64 zeros. A range export
 * ({@code ?from=N}) starts elsewhere: its first {@code prevHash} cannot be checked from the export
 * itself, so the caller must supply it ({@code --prev-hash}) from something already trusted (the
 * last hash of an earlier verified export, or the head of a signed checkpoint of size N-1).
 */
public final class VerifyActivity {

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{64}");
    /** Jackson's words for a repeated key under {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");
    static final String USAGE = "usage: verify-activity [--prev-hash HEX] EXPORT.jsonl CHECKPOINT [CHECKPOINT...] PUBLIC-KEYS";

    /**
     * The outcome: {@code firstBad} is 0 when everything verified. {@code signedUpTo} is the size of
     * the newest checkpoint (0 without one): entries beyond it are chained but not yet signed, so
     * they could still be cut off unnoticed. {@code firstSeq} is where the export started.
     */
    public record Result(long validUpTo, long firstBad, String why, long signedUpTo, long firstSeq) {

        public boolean valid() {
            return firstBad == 0;
        }

        @Override
        public String toString() {
            if (!valid()) {
                return "invalid at seq " + firstBad + ": " + why;
            }
            String range = firstSeq > 1 ? "valid from seq " + firstSeq + " up to seq " + validUpTo : "valid up to seq " + validUpTo;
            if (signedUpTo >= validUpTo) {
                return range;
            }
            return range + (signedUpTo == 0 ? " (no checkpoint)" : " (signed up to " + signedUpTo + ")");
        }
    }

    private VerifyActivity() {
    }

    /**
     * Whether the line is exactly the bytes the server hashed: the canonical form of its entry
     * (DESIGN.md section 7), in which {@code "hash"} always follows another member, so that hashing
     * the line without that member gives the declared hash. The server hashes nothing but canonical
     * forms, so such a line needs no second serialisation to be known canonical, which would halve
     * the verifier's speed; any other line is serialised anew and compared ({@link #verify}).
     */
    static boolean hashedAsWritten(String line, String declared, String previous) {
        String member = ",\"hash\":\"" + declared + "\"";
        int at = line.indexOf(member);
        return at > 0 && declared.length() == 64 && declared.equals(EntryHash.compute(previous.length() == 64 ? previous : EntryHash.GENESIS,
                line.substring(0, at) + line.substring(at + member.length())));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The command line: 0 valid, 1 invalid (the first bad seq is named), 2 when it could not be
     * checked at all (arguments, a missing file, a malformed key file), with a message and never a
     * stack trace: a holder runs this, not a developer.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>(Arrays.asList(args));
        String trustedPrevHash = null;
        if (!files.isEmpty() && files.get(0).equals("--prev-hash")) {
            if (files.size() < 2 || !HEX_HASH.matcher(files.get(1)).matches()) {
                err.println("--prev-hash takes the 64 hex digits of the hash of the entry before the export's first");
                return 2;
            }
            trustedPrevHash = files.get(1).toLowerCase(Locale.ROOT);
            files = files.subList(2, files.size());
        }
        if (files.size() < 3) {
            err.println(USAGE);
            return 2;
        }
        String keysFile = files.get(files.size() - 1);
        String reading = keysFile;
        List<SignedNote.VerifierKey> keys;
        List<String> checkpoints = new ArrayList<>();
        Result result;
        try {
            String keyText = Files.readString(Path.of(keysFile), StandardCharsets.UTF_8);
            try {
                keys = keys(keyText);
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("no verifier key in the file");
                }
            } catch (IllegalArgumentException e) {
                err.println(keysFile + ": " + e.getMessage());
                return 2;
            }
            for (String file : files.subList(1, files.size() - 1)) {
                reading = file;
                checkpoints.add(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            }
            reading = files.get(0);
            // Bytes, decoded a line at a time: a line that is not UTF-8 is named at its entry, where a
            // decoding reader failed somewhere ahead of it and ended the run with "cannot read".
            try (InputStream export = Files.newInputStream(Path.of(reading))) {
                result = verify(new Lines(export), checkpoints, keys, trustedPrevHash);
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read " + reading + ": " + why(e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e));
            return 2;
        }
        out.println(result);
        return result.valid() ? 0 : 1;
    }

    private static String why(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The verifier keys of a key file, one per line (blank lines skipped); a malformed line is an
     * {@link IllegalArgumentException} naming the line.
     */
    public static List<SignedNote.VerifierKey> keys(String text) {
        List<SignedNote.VerifierKey> keys = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                keys.add(SignedNote.VerifierKey.parse(line));
            } catch (IllegalArgumentException e) {
                // Base64's own message ("Illegal base64 character 2d") means little to a holder.
                String why = e.getMessage() != null && e.getMessage().startsWith("Illegal base64")
                        ? "the key is not valid base64" : e.getMessage();
                throw new IllegalArgumentException("line " + (i + 1) + " is not a verifier key: " + why);
            }
        }
        return keys;
    }

    /**
     * {@code verifierKeys} holds one or more verifier keys, one per line (the platform's published
     * list, retired keys included): a checkpoint is good if any of them signed it. The export must
     * start at seq 1.
     */
    public static Result verify(BufferedReader export, List<String> notes, String verifierKeys) throws IOException {
        return verify(export, notes, keys(verifierKeys), null);
    }

    /** The same for an export held in memory, one entry a line (an API answer, a test's, a page's). */
    public static Result verify(String export, List<String> notes, String verifierKeys) {
        try {
            return verify(new BufferedReader(new StringReader(export)), notes, verifierKeys);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringReader does not fail", e);
        }
    }

    /**
     * The same for an export that may start after seq 1: {@code trustedPrevHash}, when not null, is
     * taken as the hash of the entry before the export's first one (without it, the export must
     * start at seq 1 with 64 zeros).
     */
    public static Result verify(BufferedReader export, List<String> notes, List<SignedNote.VerifierKey> keys, String trustedPrevHash)
            throws IOException {
        return verify(new Lines(export), notes, keys, trustedPrevHash);
    }

    private static Result verify(Lines lines, List<String> notes, List<SignedNote.VerifierKey> keys, String trustedPrevHash)
            throws IOException {
        List<SignedNote.Checkpoint> checkpoints = new ArrayList<>();
        for (String note : notes) {
            SignedNote.Checkpoint verified = null;
            for (SignedNote.VerifierKey key : keys) {
                try {
                    verified = SignedNote.verify(note, key);
                    break;
                } catch (IllegalArgumentException e) {
                    // another key may have signed it
                }
            }
            if (verified == null) {
                return new Result(0, claimedSize(note), "checkpoint: " + unsigned(note, keys), 0, 0);
            }
            checkpoints.add(verified);
        }
        for (SignedNote.Checkpoint a : checkpoints) {
            for (SignedNote.Checkpoint b : checkpoints) {
                if (a.size() == b.size() && !a.headHashHex().equals(b.headHashHex())) {
                    return new Result(0, a.size(), "fork: two signed checkpoints of size " + a.size() + " with different heads", 0, 0);
                }
            }
        }
        long signedUpTo = checkpoints.stream().mapToLong(SignedNote.Checkpoint::size).max().orElse(0);
        // A mapper of its own: the verifier is a standalone command an outsider runs, without Spring.
        // A repeated key is refused while parsing: readers disagree on which value counts (Jackson
        // keeps the last, others the first), so such a line could show one entry and hash another
        // (docs/security.md rule 33; RFC 8785 section 3.1 takes I-JSON, which has no duplicates).
        // Asked only of a line that is not exactly what the server hashed, which has no repeated key:
        // the detection costs a fifth of the verifier's speed.
        JsonMapper json = JsonMapper.builder().build();
        JsonMapper strict = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        String previous = trustedPrevHash == null ? EntryHash.GENESIS : trustedPrevHash;
        String account = null;
        long first = 0;
        long seq = 0;
        String line;
        Map<Long, String> hashes = new HashMap<>();
        // Whatever a line holds, the verdict names its entry, never a stack trace (SECURITY-CASES 33):
        // each way a hostile line can fail below is named; this catch is for what nobody foresaw.
        try {
            while ((line = lines.next()) != null) {
                if (lines.notUtf8()) {
                    return new Result(seq, seq + 1, "the line is not UTF-8 text", signedUpTo, first);
                }
                // The export is exactly what the server wrote: one entry a line, each ending in LF.
                if (line.isEmpty()) {
                    return new Result(seq, seq + 1, "an empty line where an entry should be", signedUpTo, first);
                }
                JsonNode entry;
                try {
                    entry = json.readTree(line);
                } catch (StreamConstraintsException e) {
                    return new Result(seq, seq + 1, "not an entry the verifier reads: " + beyondLimits(e), signedUpTo, first);
                } catch (RuntimeException e) {
                    return new Result(seq, seq + 1, "not a JSON entry", signedUpTo, first);
                }
                if (!entry.isObject()) {
                    return new Result(seq, seq + 1, "not a JSON entry", signedUpTo, first);
                }
                String misshapen = misshapen(entry);
                if (misshapen != null) {
                    return new Result(seq, seq + 1, misshapen, signedUpTo, first);
                }
                if (first == 0) {
                    // Where the export starts: seq 1, or anywhere when the caller vouches for the hash before it.
                    first = trustedPrevHash == null ? 1 : Math.max(1, entry.path("seq").asLong());
                    seq = first - 1;
                    hashes.put(seq, previous);
                }
                long expected = seq + 1;
                // Named rather than reported as a difference at the last character: a file whose line
                // endings were converted (an editor, Git's autocrlf) is not the file the server wrote.
                if (line.endsWith("\r")) {
                    return new Result(seq, expected, "the line ends with CR LF; an export's lines end with LF alone", signedUpTo, first);
                }
                if (entry.path("seq").asLong() != expected) {
                    return new Result(seq, expected, "found seq " + entry.path("seq").asString() + " where " + expected + " should be"
                            + (expected == 1 && trustedPrevHash == null ? " (an export of a range verifies with --prev-hash)" : ""),
                            signedUpTo, first);
                }
                if (account == null) {
                    account = entry.path("account").asString();
                } else if (!account.equals(entry.path("account").asString())) {
                    return new Result(seq, expected, "an entry of another account", signedUpTo, first);
                }
                if (!previous.equals(entry.path("prevHash").asString())) {
                    return new Result(seq, expected, expected == first && trustedPrevHash != null
                            ? "prevHash does not match the trusted --prev-hash" : "prevHash does not match the previous entry's hash",
                            signedUpTo, first);
                }
                String declared = entry.path("hash").asString();
                if (!hashedAsWritten(line, declared, previous)) {
                    String repeated = repeatedKey(strict, line);
                    if (repeated != null) {
                        return new Result(seq, expected, "the key \"" + repeated + "\" appears twice", signedUpTo, first);
                    }
                    // Byte for byte the canonical form the server writes (docs/activity-log.md, docs/security.md
                    // rule 33): the hash covers the parsed content, so spaces, "3.0" for 3, an escaped key or
                    // a trailing space would otherwise pass, and two files that differ would both verify.
                    String canonical;
                    try {
                        canonical = CanonicalJson.of(entry);
                    } catch (IllegalArgumentException notJsonData) {
                        // 1e999 parses as an infinity, which no JSON text (RFC 8785 section 3.2.2.3) can be.
                        return new Result(seq, expected, "a number too large for JSON (RFC 8785 numbers are IEEE 754 doubles)",
                                signedUpTo, first);
                    }
                    if (!line.equals(canonical)) {
                        return new Result(seq, expected, "not in canonical form (RFC 8785): the line differs at character "
                                + (firstDifference(line, canonical) + 1), signedUpTo, first);
                    }
                    // Canonical, yet not hashed as written: the member's text occurs earlier too, or the content changed.
                    if (!EntryHash.ofWithoutHash(((ObjectNode) entry).without("hash")).equals(declared)) {
                        return new Result(seq, expected, "the content does not match its hash", signedUpTo, first);
                    }
                }
                previous = declared;
                seq = expected;
                if (seq <= signedUpTo) {
                    hashes.put(seq, declared);
                }
            }
        } catch (RuntimeException unforeseen) {
            return new Result(seq, seq + 1, "the entry cannot be checked (" + unforeseen.getClass().getSimpleName() + ")", signedUpTo, first);
        }
        if (first == 0) {
            first = 1;
        }
        for (SignedNote.Checkpoint checkpoint : checkpoints) {
            if (account != null && !checkpoint.origin().endsWith("/" + account)) {
                return new Result(seq, checkpoint.size(), "the checkpoint is for another account's log", signedUpTo, first);
            }
            if (checkpoint.size() > seq) {
                return new Result(seq, seq + 1, "the checkpoint covers " + checkpoint.size() + " entries; the export ends at " + seq
                        + " (truncated)", signedUpTo, first);
            }
            if (checkpoint.size() < first - 1) {
                return new Result(seq, first, "the checkpoint of size " + checkpoint.size() + " is of entries before this export, "
                        + "which starts at seq " + first + ": it cannot be checked against it", signedUpTo, first);
            }
            // size first - 1 checks the trusted start itself against the signed head.
            if (checkpoint.size() > 0 && !checkpoint.headHashHex().equals(hashes.get(checkpoint.size()))) {
                return new Result(checkpoint.size() - 1, checkpoint.size(), checkpoint.size() == first - 1
                        ? "the trusted --prev-hash does not match the signed checkpoint" : "the entry does not match the signed checkpoint",
                        signedUpTo, first);
            }
        }
        return new Result(seq, 0, null, signedUpTo, first);
    }

    /**
     * Why an entry's own fields cannot be what the server writes, or null: the fields the walk reads
     * must be a whole number and text, where a reader's coercion ("3" as 3, an object as "") would
     * otherwise decide, or throw (docs/activity-log.md, "An entry").
     */
    private static String misshapen(JsonNode entry) {
        JsonNode seq = entry.get("seq");
        // 3.0 is a whole number written as the server never writes it: the canonical form names that.
        boolean whole = seq != null && (seq.isIntegralNumber() ? seq.canConvertToLong()
                : seq.isFloatingPointNumber() && Math.abs(seq.doubleValue()) < 1e15 && seq.doubleValue() == Math.rint(seq.doubleValue()));
        if (!whole) {
            return "seq is not a whole number";
        }
        for (String field : List.of("account", "prevHash", "hash")) {
            if (entry.get(field) == null || !entry.get(field).isString()) {
                return field + " is not text";
            }
        }
        return null;
    }

    /** A parser limit a line went beyond, in words (Jackson's defaults: 500 levels, 1000 digits). */
    private static String beyondLimits(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "values nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep";
        }
        if (message.contains("number")) {
            return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters";
        }
        return "a text or name longer than the verifier reads";
    }

    /** The key the line repeats within one object, or null. */
    private static String repeatedKey(JsonMapper strict, String line) {
        try {
            strict.readTree(line);
            return null;
        } catch (StreamReadException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            return duplicate.matches() ? duplicate.group(1) : null;
        }
    }

    private static int firstDifference(String a, String b) {
        int at = 0;
        while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        return at;
    }

    /**
     * The lines of an export split on LF alone, each without its LF. {@link BufferedReader#readLine}
     * would also split on a lone CR and drop the CR of CR LF, hiding that the file is not what the
     * server wrote. The last line may lack its LF (lines joined in memory have none): a line cut
     * short there is not a whole canonical entry, so nothing can hide in it.
     */
    private static final class Lines {

        private final Reader in;
        private final InputStream bytes;
        private final char[] buffer = new char[8192];
        private final byte[] byteBuffer = new byte[8192];
        private int at;
        private int end;
        private boolean notUtf8;

        Lines(Reader in) {
            this.in = in;
            this.bytes = null;
        }

        /** A file's lines, each decoded on its own, so that one that is not UTF-8 is known as that line ({@link #notUtf8}). */
        Lines(InputStream bytes) {
            this.in = null;
            this.bytes = bytes;
        }

        /** Whether the line {@link #next} answered last is not UTF-8 (it is then answered with replacement characters). */
        boolean notUtf8() {
            return notUtf8;
        }

        /** The next line, or null at the end of the text. */
        String next() throws IOException {
            if (bytes != null) {
                return nextOfBytes();
            }
            StringBuilder line = null;
            while (true) {
                if (at == end) {
                    int read = in.read(buffer, 0, buffer.length);
                    at = 0;
                    end = Math.max(read, 0);
                    if (read < 0) {
                        return line == null ? null : line.toString();
                    }
                }
                int start = at;
                while (at < end && buffer[at] != '\n') {
                    at++;
                }
                line = (line == null ? new StringBuilder(at - start + 16) : line).append(buffer, start, at - start);
                if (at < end) {
                    at++;
                    return line.toString();
                }
            }
        }

        private String nextOfBytes() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (at == end) {
                    int read = bytes.read(byteBuffer, 0, byteBuffer.length);
                    at = 0;
                    end = Math.max(read, 0);
                    if (read < 0) {
                        return line == null ? null : decode(line);
                    }
                }
                int start = at;
                while (at < end && byteBuffer[at] != '\n') {
                    at++;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(at - start + 16);
                }
                line.write(byteBuffer, start, at - start);
                if (at < end) {
                    at++;
                    return decode(line);
                }
            }
        }

        private String decode(ByteArrayOutputStream line) {
            byte[] raw = line.toByteArray();
            try {
                notUtf8 = false;
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                notUtf8 = true;
                return new String(raw, StandardCharsets.UTF_8);
            }
        }
    }

    /** The size a note claims, for naming where an unverifiable checkpoint stops vouching; 1 if unreadable. */
    private static long claimedSize(String note) {
        String[] lines = note.split("\n", 3);
        try {
            return lines.length > 1 ? Math.max(1, Long.parseLong(lines[1].strip())) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Why no key verified a note, naming the key ids it was signed with: a checkpoint signed by a
     * key not in the file (a retired key missing from it, or a forger's) reads differently from a
     * malformed note (SECURITY-CASES 33).
     */
    private static String unsigned(String note, List<SignedNote.VerifierKey> keys) {
        if (!note.contains("\n\n")) {
            return "not a signed note: no blank line after the body";
        }
        List<String> given = keys.stream().map(key -> key.name() + "+" + HexFormat.of().formatHex(key.keyId())).toList();
        List<String> signers = new ArrayList<>();
        for (String line : note.substring(note.indexOf("\n\n") + 2).split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("\u2014")) {
                try {
                    byte[] signature = Base64.getDecoder().decode(parts[2]);
                    if (signature.length >= 4) {
                        signers.add(parts[1] + "+" + HexFormat.of().formatHex(Arrays.copyOf(signature, 4)));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not a signature line we can read
                }
            }
        }
        // A signature by a key given that does not verify: the text was changed after signing (its size, root or
        // origin line), not signed by someone else (black-box finding, 2026-12-07: the words contradicted themselves).
        String altered = signers.stream().filter(given::contains).findFirst().orElse(null);
        if (altered != null) {
            return "the checkpoint was altered after it was signed: its signature by " + altered + " does not match its text";
        }
        return "no valid signature by any given key (" + String.join(", ", given) + "); the note is signed by "
                + (signers.isEmpty() ? "no readable key" : String.join(", ", signers));
    }
}
