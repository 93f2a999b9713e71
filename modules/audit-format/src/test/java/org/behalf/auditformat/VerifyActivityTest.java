package org.behalf.auditformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline verifier against an honest log and each way of tampering with it
 * (SECURITY-CASES 33-34): it must name the first sequence number that does not verify.
 */
class VerifyActivityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "mbr_testaccount";

    private Ed25519PrivateKeyParameters key;
    private String verifierKey;
    private List<String> lines;

    @BeforeEach
    void honestLog() {
        key = new Ed25519PrivateKeyParameters(new SecureRandom());
        verifierKey = SignedNote.VerifierKey.of("behalf-audit", key.generatePublicKey().getEncoded()).encoded();
        lines = chain(10);
    }

    @Test
    void anHonestExportVerifiesUpToItsCheckpoint() throws Exception {
        VerifyActivity.Result result = verify(lines, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.toString()).isEqualTo("valid up to seq 10");
    }

    @Test
    void anEditedFieldIsCaughtAtItsEntry() throws Exception {
        List<String> edited = new ArrayList<>(lines);
        edited.set(3, edited.get(3).replace("\"profile.update\"", "\"profile.read\""));

        VerifyActivity.Result result = verify(edited, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.firstBad()).isEqualTo(4);
        assertThat(result.why()).contains("does not match its hash");
    }

    @Test
    void anEditRecomputedIntoTheChainStillFailsTheSignedCheckpoint() throws Exception {
        List<String> rewritten = chain(10, 5, "profile.read");

        VerifyActivity.Result result = verify(rewritten, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.firstBad()).isEqualTo(10);
        assertThat(result.why()).contains("signed checkpoint");
    }

    @Test
    void aDeletedEntryIsCaught() throws Exception {
        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(6);

        assertThat(verify(deleted, List.of(checkpoint(lines, 10)), verifierKey).firstBad()).isEqualTo(7);
    }

    @Test
    void twoSwappedEntriesAreCaught() throws Exception {
        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, 2, 3);

        assertThat(verify(swapped, List.of(checkpoint(lines, 10)), verifierKey).firstBad()).isEqualTo(3);
    }

    @Test
    void aTruncatedTailIsCaught() throws Exception {
        VerifyActivity.Result result = verify(lines.subList(0, 7), List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.firstBad()).isEqualTo(8);
        assertThat(result.why()).contains("truncated");
    }

    @Test
    void aForkIsCaught() throws Exception {
        List<String> other = chain(10, 9, "invitation.accept");

        VerifyActivity.Result result = verify(lines, List.of(checkpoint(lines, 10), checkpoint(other, 10)), verifierKey);

        assertThat(result.firstBad()).isEqualTo(10);
        assertThat(result.why()).contains("fork");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsCaught() throws Exception {
        Ed25519PrivateKeyParameters stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
        String forged = SignedNote.sign(new SignedNote.Checkpoint("behalf.example/activity/" + ACCOUNT, 10, hashOf(lines, 10)),
                "behalf-audit", stranger.getEncoded());

        VerifyActivity.Result result = verify(lines, List.of(forged), verifierKey);

        assertThat(result.valid()).isFalse();
        assertThat(result.why()).contains("no valid signature");
    }

    /**
     * docs/activity-log.md, "Verifying": a note signed by a given key whose text was edited since (its size, root
     * or origin line) is reported as altered, not as signed by another key. It read "no valid signature by any given
     * key (k); the note is signed by k", contradicting itself (black-box finding, 2026-12-07).
     */
    @Test
    void aCheckpointEditedAfterItWasSignedIsReportedAltered() throws Exception {
        String genuine = checkpoint(lines, 10);
        String[] parts = genuine.split("\n", 3);
        for (String edited : List.of(parts[0] + "\n9\n" + parts[2], parts[0] + "x\n" + parts[1] + "\n" + parts[2])) {
            VerifyActivity.Result result = verify(lines, List.of(edited), verifierKey);

            assertThat(result.valid()).isFalse();
            assertThat(result.why()).as(edited).startsWith("checkpoint: the checkpoint was altered after it was signed: "
                    + "its signature by behalf-audit+").endsWith(" does not match its text").doesNotContain("no valid signature");
        }
    }

    @Test
    void userTextCannotForgeLinesOrBreakTheExport() throws Exception {
        List<String> hostile = chain(3, 2, "profile.update\n{\"seq\":99}");
        for (String line : hostile) {
            assertThat(line).doesNotContain("\n");
        }

        assertThat(verify(hostile, List.of(checkpoint(hostile, 3)), verifierKey).toString()).isEqualTo("valid up to seq 3");
    }

    // --- lines that are not what the server wrote (docs/security.md rule 33, RFC 8785) ----------
    // Each edit below leaves the entry's parsed content, and so its hash, as it was: only a
    // byte-for-byte comparison of the line with its canonical form catches it.

    @Test
    void aDuplicateKeyIsCaughtAtItsEntry() {
        // A reader keeping the first value sees "denied"; the hash was computed over "success".
        assertLine3EditCaught(line -> line.replace("{\"account\":", "{\"outcome\":\"denied\",\"account\":"), "\"outcome\" appears twice");
    }

    @Test
    void aNumberNotWrittenAsEcmaScriptWritesItIsCaughtAtItsEntry() {
        assertLine3EditCaught(line -> line.replace("\"seq\":3,", "\"seq\":3.0,"), "canonical");
    }

    @Test
    void spacesBetweenTokensAreCaughtAtTheirEntry() {
        assertLine3EditCaught(line -> line.replace("{\"account\":", "{ \"account\" : "), "canonical");
    }

    @Test
    void aKeyWrittenWithAnEscapeIsCaughtAtItsEntry() {
        assertLine3EditCaught(line -> line.replace("\"clientId\":", "\"cl\\u0069entId\":"), "canonical");
    }

    @Test
    void aTrailingSpaceIsCaughtAtItsEntry() {
        assertLine3EditCaught(line -> line + " ", "canonical");
    }

    /**
     * Black-box testing, 2026-12-07: a number beyond a double (1e999) ended the verifier with a stack
     * trace. Whatever a line holds, the verdict names its entry (SECURITY-CASES 33).
     */
    @Test
    void hostileContentIsNamedAtItsEntryNeverAFailure() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        List<UnaryOperator<String>> edits = List.of(
                line -> line.replace("\"changes\":[", "\"changes\":[1e999,"),
                line -> line.replace("\"changes\":[", "\"changes\":[-1E400,"),
                line -> line.replace("\"changes\":[", "\"changes\":[1" + "0".repeat(400) + ","),
                line -> line.replace("\"changes\":[", "\"changes\":[1" + "0".repeat(5000) + ","),
                line -> line.replace("\"changes\":[", "\"changes\":[" + "[".repeat(600) + "]".repeat(600) + ","),
                line -> line.replace("\"changes\":[", "\"changes\":[" + deep + ","),
                line -> line.replace("\"seq\":3,", "\"seq\":1e999,"),
                line -> line.replace("\"seq\":3,", "\"seq\":\"3\","),
                line -> line.replace("\"seq\":3,", "\"seq\":{},"),
                line -> line.replace("\"seq\":3,", "\"seq\":[3],"),
                line -> line.replaceFirst("\"account\":\"[^\"]*\"", "\"account\":{}"),
                line -> line.replaceFirst("\"prevHash\":\"[^\"]*\"", "\"prevHash\":[]"),
                line -> line.replaceFirst("\"hash\":\"[^\"]*\"", "\"hash\":{\"a\":1}"),
                line -> line.replaceFirst("\"hash\":\"[^\"]*\"", "\"hash\":1e999"));
        for (UnaryOperator<String> edit : edits) {
            List<String> edited = new ArrayList<>(lines);
            edited.set(2, edit.apply(edited.get(2)));
            assertThat(edited.get(2)).as("the edit applies").isNotEqualTo(lines.get(2));

            VerifyActivity.Result result = verify(edited, List.of(checkpoint(lines, 10)), verifierKey);

            assertThat(result.toString()).as(edited.get(2).substring(0, Math.min(200, edited.get(2).length())))
                    .startsWith("invalid at seq 3: ");
        }
    }

    @Test
    void aBlankLineIsCaughtWhereItStands() {
        List<String> blank = new ArrayList<>(lines);
        blank.add(2, "");

        VerifyActivity.Result result = verify(blank, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.toString()).isEqualTo("invalid at seq 3: an empty line where an entry should be");
    }

    @Test
    void crLfLineEndingsAreCaughtAtTheFirstLine() {
        String crLf = String.join("\r\n", lines) + "\r\n";

        VerifyActivity.Result result = VerifyActivity.verify(crLf, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.toString()).isEqualTo("invalid at seq 1: the line ends with CR LF; an export's lines end with LF alone");
    }

    @Test
    void theLastLineMayLackItsLineFeed() {
        // Lines joined in memory (a page's entries, a test's) have no final LF; nothing can hide there.
        VerifyActivity.Result result = VerifyActivity.verify(String.join("\n", lines), List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.toString()).isEqualTo("valid up to seq 10");
    }

    @Test
    void linesSpanningTheReadersBufferVerify() {
        // Some 700 characters a line: lines cross the verifier's 8192-character reads at many points.
        List<String> longer = chain(60);

        assertThat(verify(longer, List.of(checkpoint(longer, 60)), verifierKey).toString()).isEqualTo("valid up to seq 60");
    }

    @Test
    void canonicalJsonFollowsRfc8785() {
        ObjectNode node = JSON.createObjectNode();
        node.put("b", 1);
        node.put("a", "é\u0001\"");
        node.put("€", 1.5e-7);
        node.put("1", 1e21);
        node.putArray("z").add(true).addNull();

        assertThat(CanonicalJson.of(node)).isEqualTo("{\"1\":1e+21,\"a\":\"é\\u0001\\\"\",\"b\":1,\"z\":[true,null],\"€\":1.5e-7}");
        assertThat(CanonicalJson.number(333333333.33333329)).isEqualTo("333333333.3333333");
        assertThat(CanonicalJson.number(1e-6)).isEqualTo("0.000001");
        assertThat(CanonicalJson.number(123e18)).isEqualTo("123000000000000000000");
    }

    @Test
    void canonicalJsonWritesIntegersAsTheDoublesTheyAreAndEscapesInsideLongerText() {
        ObjectNode node = JSON.createObjectNode();
        node.put("exact", 9_007_199_254_740_992L);
        node.put("rounded", 9_007_199_254_740_993L);
        node.put("negative", -42);
        node.put("huge", new java.math.BigInteger("1000000000000000000000000000000"));
        node.put("text", "line one\n\ttab \\ and \"quotes\" end");

        assertThat(CanonicalJson.of(node)).isEqualTo("{\"exact\":9007199254740992,\"huge\":1e+30,\"negative\":-42,"
                + "\"rounded\":9007199254740992,\"text\":\"line one\\n\\ttab \\\\ and \\\"quotes\\\" end\"}");
    }

    // --- building logs -------------------------------------------------------------------------

    private List<String> chain(int size) {
        return chain(size, -1, null);
    }

    /** A log of {@code size} entries whose entry {@code changedSeq} has {@code action}, hashes computed honestly. */
    private List<String> chain(int size, int changedSeq, String action) {
        List<String> out = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        for (int seq = 1; seq <= size; seq++) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("id", "act_" + seq);
            entry.put("seq", seq);
            entry.put("occurredAt", "2026-11-22T10:00:0" + (seq % 10) + ".000Z");
            entry.put("account", ACCOUNT);
            entry.putObject("actor").put("kind", "delegate").put("id", "mbr_helper");
            entry.put("grantId", "grt_1");
            entry.put("clientId", "behalf-cli");
            entry.put("action", seq == changedSeq ? action : "profile.update");
            entry.putObject("target").put("type", "profile").put("id", ACCOUNT);
            entry.put("outcome", "success");
            entry.putNull("reason");
            entry.putArray("changes").addObject().put("field", "headline").put("before", "v" + (seq - 1)).put("after", "v" + seq);
            entry.put("ip", "127.0.0.1");
            entry.put("userAgent", seq == changedSeq ? action : "curl/8");
            entry.put("requestId", "r" + seq);
            entry.put("prevHash", previous);
            previous = EntryHash.of(entry);
            entry.put("hash", previous);
            out.add(CanonicalJson.of(entry));
        }
        return out;
    }

    private String checkpoint(List<String> log, int size) {
        return SignedNote.sign(new SignedNote.Checkpoint("behalf.example/activity/" + ACCOUNT, size, hashOf(log, size)),
                "behalf-audit", key.getEncoded());
    }

    private static String hashOf(List<String> log, int seq) {
        return JSON.readTree(log.get(seq - 1)).path("hash").asString();
    }

    /**
     * Edits line 3 (seq 3) of the honest log and checks the verdict against a checkpoint of the
     * honest log names seq 3 and says {@code why}. The edit must keep the hash a lenient reader
     * computes (the last of two equal keys wins), so that only the line's form can give it away.
     */
    private void assertLine3EditCaught(UnaryOperator<String> edit, String why) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(2, edit.apply(edited.get(2)));
        assertThat(edited.get(2)).as("the edit applies").isNotEqualTo(lines.get(2));
        assertThat(EntryHash.of(JSON.readTree(edited.get(2)))).as("the content still gives its hash").isEqualTo(hashOf(lines, 3));

        VerifyActivity.Result result = verify(edited, List.of(checkpoint(lines, 10)), verifierKey);

        assertThat(result.toString()).startsWith("invalid at seq 3: ").contains(why);
    }

    private static VerifyActivity.Result verify(List<String> log, List<String> checkpoints, String key) {
        return VerifyActivity.verify(String.join("\n", log) + "\n", checkpoints, key);
    }
}
