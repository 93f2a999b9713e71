package org.behalf.auditformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scripts/verify-activity} as a holder runs it: files on disk, what it prints and its exit
 * code (0 valid, 1 invalid, 2 could not check), including a key file of several keys (the
 * published list after a rotation), a malformed key file, and the export of a range.
 */
class VerifyActivityCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "mbr_commandline";

    @TempDir
    Path dir;

    private Ed25519PrivateKeyParameters retired;
    private Ed25519PrivateKeyParameters active;
    private List<String> log;

    @BeforeEach
    void aLogAndTwoKeys() {
        retired = new Ed25519PrivateKeyParameters(new SecureRandom());
        active = new Ed25519PrivateKeyParameters(new SecureRandom());
        log = chain(12);
    }

    @Test
    void anHonestExportWithACheckpointByAnyPublishedKeyExitsZero() throws Exception {
        Path keys = write("audit.keys", verifierKey(active) + "\n\n" + verifierKey(retired) + "\n");
        Path oldCheckpoint = write("old.txt", checkpoint(retired, 5));
        Path newCheckpoint = write("new.txt", checkpoint(active, 12));

        Run run = run(write("activity.jsonl", lines(log)).toString(), oldCheckpoint.toString(), newCheckpoint.toString(), keys.toString());

        assertThat(run.code).isZero();
        assertThat(run.out).isEqualTo("valid up to seq 12\n");
        assertThat(run.err).isEmpty();
    }

    @Test
    void entriesBeyondTheNewestCheckpointAreSaidToBeUnsigned() throws Exception {
        Run run = run(write("activity.jsonl", lines(log)).toString(), write("cp.txt", checkpoint(active, 9)).toString(),
                write("audit.keys", verifierKey(active)).toString());

        assertThat(run.code).isZero();
        assertThat(run.out).isEqualTo("valid up to seq 12 (signed up to 9)\n");
    }

    @Test
    void aCheckpointSignedByAKeyNotInTheFileExitsOneNamingTheSigner() throws Exception {
        Run run = run(write("activity.jsonl", lines(log)).toString(), write("cp.txt", checkpoint(retired, 12)).toString(),
                write("audit.keys", verifierKey(active)).toString());

        assertThat(run.code).isEqualTo(1);
        String retiredId = verifierKey(retired).split("\\+")[1];
        String activeId = verifierKey(active).split("\\+")[1];
        assertThat(run.out).isEqualTo("invalid at seq 12: checkpoint: no valid signature by any given key (behalf-audit+" + activeId
                + "); the note is signed by behalf-audit+" + retiredId + "\n");
    }

    @Test
    void anEditedEntryExitsOneNamingItsSeq() throws Exception {
        List<String> edited = new ArrayList<>(log);
        edited.set(6, edited.get(6).replace("\"v7\"", "\"v8\""));

        Run run = run(write("activity.jsonl", lines(edited)).toString(), write("cp.txt", checkpoint(active, 12)).toString(),
                write("audit.keys", verifierKey(active)).toString());

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).isEqualTo("invalid at seq 7: the content does not match its hash\n");
    }

    /** Lines not byte for byte what the server wrote are refused at their entry (docs/security.md rule 33). */
    @Test
    void aLineNotInCanonicalFormExitsOneNamingItsSeq() throws Exception {
        Path keys = write("audit.keys", verifierKey(active));
        Path checkpoint = write("cp.txt", checkpoint(active, 12));
        List<String> duplicate = new ArrayList<>(log);
        duplicate.set(6, duplicate.get(6).replace("{\"account\":", "{\"outcome\":\"denied\",\"account\":"));
        List<String> spaced = new ArrayList<>(log);
        spaced.set(6, spaced.get(6).replace("{\"account\":", "{ \"account\":"));

        Run twice = run(write("duplicate.jsonl", lines(duplicate)).toString(), checkpoint.toString(), keys.toString());
        Run space = run(write("spaced.jsonl", lines(spaced)).toString(), checkpoint.toString(), keys.toString());
        Run crLf = run(write("crlf.jsonl", String.join("\r\n", log) + "\r\n").toString(), checkpoint.toString(), keys.toString());

        assertThat(twice.code).isEqualTo(1);
        assertThat(twice.out).isEqualTo("invalid at seq 7: the key \"outcome\" appears twice\n");
        assertThat(space.code).isEqualTo(1);
        assertThat(space.out).isEqualTo("invalid at seq 7: not in canonical form (RFC 8785): the line differs at character 2\n");
        assertThat(crLf.code).isEqualTo(1);
        assertThat(crLf.out).isEqualTo("invalid at seq 1: the line ends with CR LF; an export's lines end with LF alone\n");

        // Black-box testing, 2026-12-07: 1e999 ended the run with a stack trace, and bytes that are not
        // UTF-8 with "cannot read" (exit 2) wherever they stood; both are entries that do not verify.
        List<String> infinite = new ArrayList<>(log);
        infinite.set(6, infinite.get(6).replace("\"changes\":[", "\"changes\":[1e999,"));
        Run huge = run(write("huge.jsonl", lines(infinite)).toString(), checkpoint.toString(), keys.toString());
        byte[] honest = lines(log).getBytes(StandardCharsets.UTF_8);
        // The lines are ASCII: a character's index is its byte's. 0xC3 starts a two-byte character; "p" cannot end it.
        int at = lines(log.subList(0, 7)).length() + log.get(7).indexOf("profile.update") + "profile.".length();
        byte[] notUtf8 = honest.clone();
        notUtf8[at] = (byte) 0xC3;
        Run bytes = run(Files.write(dir.resolve("bytes.jsonl"), notUtf8).toString(), checkpoint.toString(), keys.toString());

        assertThat(huge.code).isEqualTo(1);
        assertThat(huge.out).isEqualTo("invalid at seq 7: a number too large for JSON (RFC 8785 numbers are IEEE 754 doubles)\n");
        assertThat(huge.err).isEmpty();
        assertThat(bytes.code).isEqualTo(1);
        assertThat(bytes.out).isEqualTo("invalid at seq 8: the line is not UTF-8 text\n");
        assertThat(bytes.err).isEmpty();
    }

    @Test
    void aMalformedKeyFileExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        Path export = write("activity.jsonl", lines(log));
        Path checkpoint = write("cp.txt", checkpoint(active, 12));
        String good = verifierKey(active);

        for (String keys : List.of("not a key\n", good + "\nbehalf-audit+00000000+!!!\n", good.replace("+" + good.split("\\+")[1] + "+", "+00000000+") + "\n",
                "\n\n", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n")) {
            Run run = run(export.toString(), checkpoint.toString(), write("audit.keys", keys).toString());

            assertThat(run.code).as(keys).isEqualTo(2);
            assertThat(run.out).isEmpty();
            assertThat(run.err).as(keys).startsWith(dir.resolve("audit.keys") + ": ").doesNotContain("Exception", "\tat ");
        }
        Run secondLine = run(export.toString(), checkpoint.toString(),
                write("audit.keys", good + "\nbehalf-audit+00000000+!!!\n").toString());
        assertThat(secondLine.err).contains("line 2 is not a verifier key");
    }

    @Test
    void missingArgumentsAndMissingFilesExitTwo() throws Exception {
        Path export = write("activity.jsonl", lines(log));
        Path keys = write("audit.keys", verifierKey(active));

        Run tooFew = run(export.toString(), keys.toString());
        Run missing = run(export.toString(), dir.resolve("nowhere.txt").toString(), keys.toString());
        Run badPrevHash = run("--prev-hash", "abc", export.toString(), write("cp.txt", checkpoint(active, 12)).toString(), keys.toString());

        assertThat(tooFew.code).isEqualTo(2);
        assertThat(tooFew.err).startsWith("usage: verify-activity");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).isEqualTo("cannot read " + dir.resolve("nowhere.txt") + ": no such file\n");
        assertThat(badPrevHash.code).isEqualTo(2);
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        Run notText = run(export.toString(), binary.toString(), keys.toString());
        assertThat(notText.code).isEqualTo(2);
        assertThat(notText.err).isEqualTo("cannot read " + binary + ": it is not UTF-8 text\n");
        assertThat(badPrevHash.err).contains("--prev-hash takes the 64 hex digits");
    }

    @Test
    void anExportOfARangeVerifiesFromATrustedPrevHash() throws Exception {
        Path range = write("range.jsonl", lines(log.subList(4, 12)));
        Path keys = write("audit.keys", verifierKey(active));
        Path checkpoint = write("cp.txt", checkpoint(active, 10));
        String beforeFive = hashOf(4);

        Run withoutStart = run(range.toString(), checkpoint.toString(), keys.toString());
        Run trusted = run("--prev-hash", beforeFive, range.toString(), checkpoint.toString(), keys.toString());
        Run signedStart = run("--prev-hash", beforeFive, range.toString(), write("cp4.txt", checkpoint(active, 4)).toString(),
                keys.toString());
        Run wrongStart = run("--prev-hash", hashOf(3), range.toString(), checkpoint.toString(), keys.toString());

        assertThat(withoutStart.code).isEqualTo(1);
        assertThat(withoutStart.out).isEqualTo("invalid at seq 1: found seq 5 where 1 should be (an export of a range verifies with --prev-hash)\n");
        assertThat(trusted.code).isZero();
        assertThat(trusted.out).isEqualTo("valid from seq 5 up to seq 12 (signed up to 10)\n");
        assertThat(signedStart.code).as("a checkpoint of the entry just before the range vouches for the start").isZero();
        assertThat(signedStart.out).isEqualTo("valid from seq 5 up to seq 12 (signed up to 4)\n");
        assertThat(wrongStart.code).isEqualTo(1);
        assertThat(wrongStart.out).isEqualTo("invalid at seq 5: prevHash does not match the trusted --prev-hash\n");
    }

    @Test
    void aRangeWhoseStartContradictsASignedCheckpointIsCaught() throws Exception {
        List<String> forged = new ArrayList<>(chain(12, "mbr_other_head"));
        Path range = write("range.jsonl", lines(forged.subList(4, 12)));
        String forgedStart = JSON.readTree(forged.get(3)).path("hash").asString();

        Run run = run("--prev-hash", forgedStart, range.toString(), write("cp4.txt", checkpoint(active, 4)).toString(),
                write("audit.keys", verifierKey(active)).toString());

        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).isEqualTo("invalid at seq 4: the trusted --prev-hash does not match the signed checkpoint\n");
    }

    /** The real entry point in its own JVM, as the script starts it: the exit code is the process's. */
    @Test
    void mainExitsWithTheCodeOfTheVerdict() throws Exception {
        Path export = write("activity.jsonl", lines(log));
        Path checkpoint = write("cp.txt", checkpoint(active, 12));

        Process valid = java(export.toString(), checkpoint.toString(), write("audit.keys", verifierKey(active)).toString());
        Process malformed = java(export.toString(), checkpoint.toString(), write("bad.keys", "behalf-audit+zz+AAAA\n").toString());

        assertThat(valid.exitValue()).isZero();
        assertThat(new String(valid.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("valid up to seq 12\n");
        assertThat(malformed.exitValue()).isEqualTo(2);
        assertThat(new String(malformed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith(dir.resolve("bad.keys") + ": line 1 is not a verifier key").doesNotContain("Exception");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyActivity.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Process java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VerifyActivity.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String lines(List<String> entries) {
        return String.join("\n", entries) + "\n";
    }

    private static String verifierKey(Ed25519PrivateKeyParameters key) {
        return SignedNote.VerifierKey.of("behalf-audit", key.generatePublicKey().getEncoded()).encoded();
    }

    private String checkpoint(Ed25519PrivateKeyParameters key, int size) {
        return SignedNote.sign(new SignedNote.Checkpoint("behalf.example/activity/" + ACCOUNT, size, hashOf(size)), "behalf-audit",
                key.getEncoded());
    }

    private String hashOf(int seq) {
        return JSON.readTree(log.get(seq - 1)).path("hash").asString();
    }

    private static List<String> chain(int size) {
        return chain(size, "mbr_helper");
    }

    /** An honestly hashed log of {@code size} entries, all by {@code actor}. */
    private static List<String> chain(int size, String actor) {
        List<String> out = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        for (int seq = 1; seq <= size; seq++) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("id", "act_" + seq).put("seq", seq).put("occurredAt", "2026-11-22T10:00:00.000Z").put("account", ACCOUNT);
            entry.putObject("actor").put("kind", "delegate").put("id", actor);
            entry.putNull("grantId").putNull("clientId").put("action", "profile.update").putNull("target").put("outcome", "success")
                    .putNull("reason");
            entry.putArray("changes").addObject().put("field", "headline").put("before", "v" + (seq - 1)).put("after", "v" + seq);
            entry.putNull("ip").putNull("userAgent").putNull("requestId").put("prevHash", previous);
            previous = EntryHash.of(entry);
            entry.put("hash", previous);
            out.add(CanonicalJson.of(entry));
        }
        return out;
    }
}
