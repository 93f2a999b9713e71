package org.behalf.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.behalf.audit.AuditSlice;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server's own check of a log as stored ({@code GET /api/v1/activity/verification}, what the console's badge says):
 * the chain, by the offline verifier's rules, against the newest signed checkpoint, and the columns the filters search
 * against each entry (docs/activity-log.md, "Verifying"). Each way a log can be broken is named by its first entry, a
 * kind the console words for the holder, and the verifier's own reason.
 */
class VerificationTest extends AuditSlice {

    @Test
    void anIntactLogIsVerifiedUpToItsSignedHead() {
        append(holder, "test.first");
        append(holder, "test.second");

        JsonNode answer = verification();

        assertThat(answer.path("state").asString()).as(answer.toString()).isEqualTo("verified");
        assertThat(answer.path("entries").asLong()).isEqualTo(2);
        assertThat(answer.path("signedUpTo").asLong()).isEqualTo(2);
        assertThat(answer.path("seq").isNull()).isTrue();
        assertThat(answer.path("problem").isNull()).isTrue();
    }

    @Test
    void anEmptyLogHasNothingToCheck() {
        JsonNode answer = verification();

        assertThat(answer.path("state").asString()).as(answer.toString()).isEqualTo("unchecked");
        assertThat(answer.path("entries").asLong()).isZero();
    }

    @Test
    void anEditedEntryIsNamedWithTheVerifiersReason() {
        append(holder, "test.first");
        append(holder, "test.second");
        append(holder, "test.third");
        jdbc.update("UPDATE audit_entry SET entry = REPLACE(entry, 'test.second', 'test.forged') WHERE account_id = ? AND seq = 2", holder);

        JsonNode answer = verification();

        assertThat(answer.path("state").asString()).as(answer.toString()).isEqualTo("broken");
        assertThat(answer.path("problem").asString()).isEqualTo("changed");
        assertThat(answer.path("seq").asLong()).isEqualTo(2);
        assertThat(answer.path("why").asString()).isEqualTo("the content does not match its hash");
    }

    @Test
    void newestEntriesRemovedAfterTheirCheckpointAreNamedCutOff() {
        append(holder, "test.first");
        append(holder, "test.second");
        append(holder, "test.third");
        assertThat(http.post("/api/v1/activity/checkpoints", holder, null).status()).isEqualTo(200);
        jdbc.update("DELETE FROM audit_entry WHERE account_id = ? AND seq = 3", holder);

        JsonNode answer = verification();

        assertThat(answer.path("state").asString()).as(answer.toString()).isEqualTo("broken");
        assertThat(answer.path("problem").asString()).isEqualTo("cut-off");
        assertThat(answer.path("seq").asLong()).isEqualTo(3);
        assertThat(answer.path("why").asString()).contains("truncated");
    }

    @Test
    void aCheckpointChangedAfterItWasSignedIsNamed() {
        append(holder, "test.first");
        append(holder, "test.second");
        assertThat(http.post("/api/v1/activity/checkpoints", holder, null).status()).isEqualTo(200);
        jdbc.update("UPDATE audit_checkpoint SET note = REPLACE(note, '\n2\n', '\n1\n') WHERE account_id = ? AND size = 2", holder);

        JsonNode answer = verification();

        assertThat(answer.path("state").asString()).as(answer.toString()).isEqualTo("broken");
        assertThat(answer.path("problem").asString()).isEqualTo("checkpoint");
        assertThat(answer.path("why").asString()).startsWith("checkpoint: the checkpoint was altered after it was signed");
    }

    /** The caller's own log, whoever's entries they name (the token decides whose account it is; DESIGN.md section 5). */
    @Test
    void onlyTheCallersOwnLogIsChecked() {
        append(holder, "test.first");

        assertThat(http.get("/api/v1/activity/verification", "mbr_someoneElse0000000000").json().path("entries").asLong()).isZero();
    }

    private JsonNode verification() {
        Http.Response answer = http.get("/api/v1/activity/verification", holder);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        return answer.json();
    }
}
