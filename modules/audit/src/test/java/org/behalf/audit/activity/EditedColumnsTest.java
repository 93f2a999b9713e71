package org.behalf.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.behalf.audit.AuditSlice;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityLog;
import org.behalf.auditformat.VerifyActivity;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The columns stored beside each hashed entry, which the list's filters search (audit V202611220001), edited in
 * the database by someone who can (docs/security.md, "Someone with database access to the activity log"). The
 * entries stay intact, so the chain and an export still verify; what must not happen is a filtered view that
 * silently disagrees with them (black-box finding ACTIVITY 3, 2026-12-07: an entry moved into or out of a filter
 * while every check said valid). A filter lists an entry only if the entry itself matches, and the server's
 * verification (the console's badge) names the first entry whose columns say something else.
 */
class EditedColumnsTest extends AuditSlice {

    @Autowired
    private ActivityLog log;

    @Test
    void anEntryFiledUnderAnotherActionIsNotListedThereAndTheVerificationNamesIt() {
        append(holder, "profile.update");
        append(holder, "network.search");
        append(holder, "profile.update");
        jdbc.update("UPDATE audit_entry SET action = 'network.search' WHERE account_id = ? AND seq = 3", holder);

        assertThat(seqs(http.get("/api/v1/activity?action=network.search", holder))).containsExactly(2L);
        assertThat(seqs(http.get("/api/v1/activity?action=profile.update", holder)))
                .as("found through the column, so missed: the verification is what tells").containsExactly(1L);
        assertMisfiled(3, "the action stored beside the entry is \"network.search\"; the entry's is \"profile.update\"");
        assertThat(exportVerifies()).as("the entries themselves are intact").isTrue();
    }

    @Test
    void anEntryFiledUnderAnotherActorIsShownNeitherToTheHolderNorToThatHelperAsTheirs() {
        String helper = OpaqueIds.next("mbr");
        String other = OpaqueIds.next("mbr");
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, helper), "profile.update", ActivityEvent.Outcome.SUCCESS);
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, other), "contact.update", ActivityEvent.Outcome.SUCCESS);
        offered(holder, helper);
        jdbc.update("UPDATE audit_entry SET actor_id = ? WHERE account_id = ? AND seq = 2", helper, holder);

        assertThat(seqs(http.get("/api/v1/activity?actor=" + helper, holder))).containsExactly(1L);
        assertThat(seqs(http.get("/api/v1/activity/as-delegate?holder=" + holder, helper)))
                .as("another helper's work is never the helper's to read").containsExactly(1L);
        assertMisfiled(2, "the actor stored beside the entry is \"" + helper + "\"; the entry's is \"" + other + "\"");
    }

    @Test
    void aRefusalFiledAsASuccessIsNotListedAsOne() {
        ActivityEvent.Actor helper = new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, OpaqueIds.next("mbr"));
        append(holder, helper, "network.search", ActivityEvent.Outcome.DENIED);
        append(holder, helper, "profile.read", ActivityEvent.Outcome.SUCCESS);
        jdbc.update("UPDATE audit_entry SET outcome = 'SUCCESS' WHERE account_id = ? AND seq = 1", holder);

        assertThat(seqs(http.get("/api/v1/activity?outcome=success", holder))).containsExactly(2L);
        assertMisfiled(1, "the outcome stored beside the entry is \"SUCCESS\"; the entry's is \"DENIED\"");
    }

    @Test
    void anEntryFiledAtAnotherTimeIsNotListedInThatPeriod() {
        append(holder, "test.first");
        append(holder, "test.second");
        jdbc.update("UPDATE audit_entry SET occurred_at = TIMESTAMP '2001-06-15 12:00:00' WHERE account_id = ? AND seq = 1", holder);

        assertThat(seqs(http.get("/api/v1/activity?to=2002-01-01T00:00:00Z", holder))).isEmpty();
        JsonNode verification = verification();
        assertThat(verification.path("problem").asString()).as(verification.toString()).isEqualTo("misfiled");
        assertThat(verification.path("seq").asLong()).isEqualTo(1);
        assertThat(verification.path("why").asString()).startsWith("the time stored beside the entry is 2001-06-15T").contains("; the entry's is ");
    }

    /**
     * Undoing a change looks its entry up by id (delegation's ActivityRevert, through {@link ActivityLog#entry}): an id
     * column edited to name another entry must not have the undo act on that one. Asked of the log itself, as the undo
     * asks it: the undo's endpoint is the delegation's, tested with the whole application.
     */
    @Test
    void anEntryIsLookedUpByItsOwnIdNeverByAnIdFiledBesideAnother() {
        append(holder, "contact.update");
        append(holder, "profile.update");
        String chosen = jdbc.queryForObject("SELECT id FROM audit_entry WHERE account_id = ? AND seq = 1", String.class, holder);
        jdbc.update("UPDATE audit_entry SET id = ? WHERE account_id = ? AND seq = 1", OpaqueIds.next("act"), holder);
        jdbc.update("UPDATE audit_entry SET id = ? WHERE account_id = ? AND seq = 2", chosen, holder);

        assertThat(log.entry(holder, chosen)).isEmpty();
        assertThat(verification().path("seq").asLong()).isEqualTo(1);
    }

    private void assertMisfiled(long seq, String why) {
        JsonNode verification = verification();
        assertThat(verification.path("state").asString()).as(verification.toString()).isEqualTo("broken");
        assertThat(verification.path("problem").asString()).isEqualTo("misfiled");
        assertThat(verification.path("seq").asLong()).isEqualTo(seq);
        assertThat(verification.path("why").asString()).isEqualTo(why);
    }

    private JsonNode verification() {
        Http.Response answer = http.get("/api/v1/activity/verification", holder);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private boolean exportVerifies() {
        String checkpoint = http.get("/api/v1/activity/checkpoints/latest", holder).body();
        return VerifyActivity.verify(http.get("/api/v1/activity/export", holder).body(), List.of(checkpoint),
                http.get("/api/v1/activity/keys", null).body()).valid();
    }

    private static List<Long> seqs(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return items(page).stream().map(entry -> entry.path("seq").asLong()).toList();
    }
}
