package org.behalf.auditformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worked example of docs/activity-log.md is what someone writing their own verifier checks
 * their code against (DESIGN.md section 7), so it is read from the document itself and recomputed
 * here: an edit of the hash rule, the note format or the doc that makes them disagree fails the build.
 */
class WorkedExampleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HASH = "followed by those UTF-8 bytes:\\s*`([0-9a-f]{64})`";
    private static final String NOTE = "seed is the bytes\\s+1, 2, …, 32:\\s*```\\n(.*?)```";
    private static final String KEY = "its verifier key: `([^`]+)`";

    private static String example;

    @BeforeAll
    static void readTheDocument() throws Exception {
        String doc = Files.readString(document(), StandardCharsets.UTF_8);
        int start = doc.indexOf("## Worked example");
        assertThat(start).as("docs/activity-log.md has its worked example").isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        example = doc.substring(start, end < 0 ? doc.length() : end);
    }

    @Test
    void theEntryIsShownInItsCanonicalForm() {
        String entry = entry();

        assertThat(CanonicalJson.of(JSON.readTree(entry))).isEqualTo(entry);
        assertThat(JSON.readTree(entry).path("prevHash").asString()).isEqualTo(EntryHash.GENESIS);
    }

    @Test
    void theHashShownIsTheHashRuleAppliedToTheEntry() {
        String shown = find(HASH);

        assertThat(EntryHash.compute(EntryHash.GENESIS, entry())).isEqualTo(shown);
        assertThat(EntryHash.of(JSON.readTree(entry()))).isEqualTo(shown);
    }

    @Test
    void theCheckpointAndTheVerifierKeyAreWhatTheExampleKeySigns() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(exampleSeed(), 0);
        String shownNote = find(NOTE);
        String shownKey = find(KEY);
        String hash = EntryHash.compute(EntryHash.GENESIS, entry());

        String signed = SignedNote.sign(new SignedNote.Checkpoint("behalf.example/activity/mbr_hanaExampleAccount01", 1, hash),
                "behalf-audit", key.getEncoded());

        // Ed25519 signatures are deterministic, so the note must come out byte for byte.
        assertThat(signed).isEqualTo(shownNote);
        assertThat(SignedNote.VerifierKey.of("behalf-audit", key.generatePublicKey().getEncoded()).encoded()).isEqualTo(shownKey);
    }

    @Test
    void theExampleVerifiesAsAnExportWithItsCheckpointAndKey() throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree(entry());
        entry.put("hash", find(HASH));
        String exportLine = CanonicalJson.of(entry);

        VerifyActivity.Result result = VerifyActivity.verify(exportLine + "\n", List.of(find(NOTE)), find(KEY));

        assertThat(result.toString()).isEqualTo("valid up to seq 1");
    }

    private static String entry() {
        return find("```json\\n(\\{.*?\\})\\n```");
    }

    private static byte[] exampleSeed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (i + 1);
        }
        return seed;
    }

    private static String find(String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(example);
        assertThat(matcher.find()).as("the worked example shows " + regex).isTrue();
        return matcher.group(1);
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("docs/activity-log.md");
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new IllegalStateException("docs/activity-log.md not found above " + Path.of("").toAbsolutePath());
    }
}
