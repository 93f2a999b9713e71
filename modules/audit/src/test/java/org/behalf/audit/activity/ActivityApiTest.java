package org.behalf.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.behalf.audit.AuditSlice;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.auditformat.VerifyActivity;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The activity API as a holder and a helper call it (DESIGN.md sections 6 and 7, docs/activity-log.md):
 * the list and its filters and cursor, the export and its own entry, checkpoints by size, the
 * published keys, a helper's view of their own work, and bad input refused naming the field.
 */
class ActivityApiTest extends AuditSlice {

    @Test
    void aCheckpointIsServedBySizeAndAnUnknownSizeIsNotFound() {
        append(holder, "test.first");
        String first = http.post("/api/v1/activity/checkpoints", holder, null).body();
        append(holder, "test.second");
        String second = http.post("/api/v1/activity/checkpoints", holder, null).body();
        long firstSize = Long.parseLong(first.lines().skip(1).findFirst().orElseThrow());

        Http.Response bySize = http.get("/api/v1/activity/checkpoints/" + firstSize, holder);

        assertThat(bySize.status()).isEqualTo(200);
        assertThat(bySize.header("Content-Type")).startsWith("text/plain");
        assertThat(bySize.body()).isEqualTo(first);
        assertThat(http.get("/api/v1/activity/checkpoints/" + (firstSize + 1), holder).body()).isEqualTo(second);
        assertThat(http.get("/api/v1/activity/checkpoints/" + (firstSize + 2), holder).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/activity/checkpoints/" + firstSize, OpaqueIds.next("mbr")).status())
                .as("another member's log has no checkpoint of that size").isEqualTo(404);
        String export = http.get("/api/v1/activity/export", holder).body();
        assertThat(VerifyActivity.verify(export, List.of(bySize.body(), second), http.get("/api/v1/activity/keys", null).body()).valid())
                .isTrue();
    }

    @Test
    void aLogWithNoEntryHasNoCheckpoint() {
        assertThat(http.get("/api/v1/activity/checkpoints/latest", holder).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/activity/checkpoints", holder, null).status()).isEqualTo(404);
    }

    /** DESIGN.md section 2 rule 6: the holder's own export is a security-relevant action, recorded as theirs. */
    @Test
    void theHoldersExportIsJsonLinesInOrderAndRecordsItselfWithItsRange() {
        for (int i = 1; i <= 4; i++) {
            append(holder, "test.entry" + i);
        }

        Http.Response all = http.get("/api/v1/activity/export", holder);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("application/jsonl");
        assertThat(all.header("Content-Disposition")).isEqualTo("attachment; filename=\"activity.jsonl\"");
        List<JsonNode> lines = all.body().lines().map(Http.JSON::readTree).toList();
        assertThat(lines.stream().map(l -> l.path("seq").asLong())).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode own = lines.get(4);
        assertThat(own.path("action").asString()).isEqualTo("activity.export");
        assertThat(own.path("actor").toString()).isEqualTo("{\"id\":\"" + holder + "\",\"kind\":\"holder\"}");
        assertThat(own.path("clientId").asString()).isEqualTo("audit-test");
        assertThat(own.path("changes").toString()).isEqualTo("[{\"after\":\"1..\",\"before\":null,\"field\":\"range\"}]");
        String checkpoint = http.get("/api/v1/activity/checkpoints/latest", holder).body();
        assertThat(VerifyActivity.verify(all.body(), List.of(checkpoint), http.get("/api/v1/activity/keys", null).body()).toString())
                .isEqualTo("valid up to seq 5");

        Http.Response range = http.get("/api/v1/activity/export?from=2&to=3", holder);

        assertThat(range.body().lines().map(l -> Http.JSON.readTree(l).path("seq").asLong())).containsExactly(2L, 3L);
        JsonNode second = items(http.get("/api/v1/activity?limit=1", holder)).get(0);
        assertThat(second.path("action").asString()).isEqualTo("activity.export");
        assertThat(second.path("seq").asLong()).isEqualTo(6);
        assertThat(second.path("changes").path(0).path("after").asString()).isEqualTo("2..3");
    }

    /**
     * docs/activity-log.md: an export is the log exactly as stored, so only tampering makes a gap. An entry another
     * request committed after the export's transaction had taken its snapshot, and before the export appended its
     * own entry after it, was left out, and the genuine export failed verification (black-box finding, 2026-12-07).
     */
    @Test
    void anExportHasEveryEntryUpToItsOwnWhenAnotherIsCommittedMeanwhile() throws Exception {
        append(holder, "test.first");
        append(holder, "test.second");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Another request's entry, written and not yet committed: the export's own entry waits for it.
            Future<?> other = threads.submit(() -> transactions.executeWithoutResult(tx -> {
                recorder.record(new ActivityEvent(holder, system(), null, null, "test.meanwhile", null, ActivityEvent.Outcome.SUCCESS,
                        null, List.of(), null));
                written.countDown();
                awaitQuietly(release);
            }));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Http.Response> export = threads.submit(() -> http.get("/api/v1/activity/export", holder));
            awaitLockWait(export);
            release.countDown();
            other.get(30, TimeUnit.SECONDS);

            Http.Response all = export.get(30, TimeUnit.SECONDS);

            assertThat(all.status()).as(all.toString()).isEqualTo(200);
            assertThat(all.body().lines().map(l -> Http.JSON.readTree(l).path("action").asString()))
                    .containsExactly("test.first", "test.second", "test.meanwhile", "activity.export");
            assertThat(VerifyActivity.verify(all.body(), List.of(http.get("/api/v1/activity/checkpoints/latest", holder).body()),
                    http.get("/api/v1/activity/keys", null).body()).toString()).startsWith("valid up to seq 4");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Until a transaction waits for a row lock on the log while {@code request} runs (InnoDB shows it in innodb_trx). */
    private void awaitLockWait(Future<Http.Response> request) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (request.isDone()) {
                throw new AssertionError("the request ended without waiting for the lock");
            }
            Integer waiting = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT' "
                    + "AND trx_query LIKE '%audit_entry%'", Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(150);
        }
        throw new AssertionError("the export never waited for the other entry");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * docs/activity-log.md, "Verifying": the documented steps verify a log that grows while they run. In the order
     * export, then checkpoint, the checkpoint covered entries added after the export, and an intact log was reported
     * cut off (black-box finding, 2026-12-07); the checkpoint comes first.
     */
    @Test
    void theDocumentedStepsVerifyALogThatGrowsMeanwhile() {
        append(holder, "test.first");
        append(holder, "test.second");

        String checkpoint = http.get("/api/v1/activity/checkpoints/latest", holder).body();
        append(holder, "test.helper.meanwhile");
        String export = http.get("/api/v1/activity/export", holder).body();
        String keys = http.get("/api/v1/activity/keys", null).body();

        assertThat(VerifyActivity.verify(export, List.of(checkpoint), keys).toString()).isEqualTo("valid up to seq 4 (signed up to 2)");
    }

    @Test
    void aBadRangeIsRefusedNamingItsFieldAndRecordsNothing() {
        append(holder, "test.only");

        assertProblem(http.get("/api/v1/activity/export?from=0", holder), 400, "from");
        Http.Response reversed = http.get("/api/v1/activity/export?from=3&to=2", holder);
        assertProblem(reversed, 400, "to");
        assertThat(reversed.json().path("detail").asString()).isEqualTo("The end of the range comes before its start.");

        assertThat(items(http.get("/api/v1/activity", holder))).hasSize(1);
    }

    @Test
    void theListIsNewestFirstFiltersByActorActionAndOutcomeAndPagesWithItsCursor() {
        ActivityEvent.Actor helper = new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, OpaqueIds.next("mbr"));
        ActivityEvent.Actor self = new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, holder);
        for (int i = 0; i < 3; i++) {
            append(holder, helper, "profile.update", ActivityEvent.Outcome.SUCCESS);
            append(holder, helper, "network.search", ActivityEvent.Outcome.DENIED);
            append(holder, self, "profile.update", ActivityEvent.Outcome.SUCCESS);
        }

        List<JsonNode> all = items(http.get("/api/v1/activity", holder));

        assertThat(all.stream().map(e -> e.path("seq").asLong())).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(items(http.get("/api/v1/activity?actor=" + helper.id(), holder)).stream().map(e -> e.path("actor").path("id").asString()))
                .hasSize(6).containsOnly(helper.id());
        assertThat(items(http.get("/api/v1/activity?action=profile.update&outcome=success", holder))).hasSize(6);
        assertThat(items(http.get("/api/v1/activity?outcome=denied", holder)).stream().map(e -> e.path("action").asString()))
                .containsExactly("network.search", "network.search", "network.search");
        assertThat(items(http.get("/api/v1/activity", OpaqueIds.next("mbr")))).as("another holder's log").isEmpty();

        StringBuilder seen = new StringBuilder();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = http.get("/api/v1/activity?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), holder);
            items(page).forEach(e -> seen.append(e.path("seq").asLong()).append(' '));
            cursor = page.json().path("next").asString(null);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen.toString()).as("pages of four, cursor to cursor, make the whole list").isEqualTo("9 8 7 6 5 4 3 2 1 ");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badListParametersAreRefusedNamingTheField() {
        assertProblem(http.get("/api/v1/activity?outcome=maybe", holder), 400, "outcome");
        assertProblem(http.get("/api/v1/activity?limit=0", holder), 400, "limit");
        assertProblem(http.get("/api/v1/activity?limit=201", holder), 400, "limit");
        assertProblem(http.get("/api/v1/activity?from=yesterday", holder), 400, "from");
        // Plain words, not the standard's name (black-box finding, 2026-12-07: "An ISO-8601 instant such as …").
        assertThat(http.get("/api/v1/activity?from=yesterday", holder).json().path("detail").asString())
                .isEqualTo("A date and time in UTC, such as 2026-11-22T10:00:00Z.");
        assertProblem(http.get("/api/v1/activity?to=2026-13-01T00:00:00Z", holder), 400, "to");
        assertProblem(http.get("/api/v1/activity?cursor=abc", holder), 400, "cursor");
        // Black-box testing, 2026-12-07: a period ending before it starts was an empty page, where the export refuses its reversed range.
        Http.Response reversed = http.get("/api/v1/activity?from=2026-12-08T00:00:00Z&to=2026-12-07T00:00:00Z", holder);
        assertProblem(reversed, 400, "to");
        assertThat(reversed.json().path("detail").asString()).isEqualTo("The end of the period comes before its start.");
        assertThat(http.get("/api/v1/activity?from=2026-12-08T00:00:00Z&to=2026-12-08T00:00:00Z", holder).status())
                .as("an empty period is no contradiction").isEqualTo(200);
        // Black-box testing, 2026-12-07: the cursor is a sequence number, and these were taken as one (05, which no page gives, too).
        for (String cursor : List.of("-1", "0", "%2B5", "%EF%BC%95", "0x10", "%205", "05")) {
            assertProblem(http.get("/api/v1/activity?cursor=" + cursor, holder), 400, "cursor");
        }
        // Only spaces, or a control character, filters by nothing anyone can be: refused. Empty (a form's blank field) is no filter.
        for (String filter : List.of("action=%20", "actor=%09", "action=profile.update%00", "from=%20", "to=%20%20", "outcome=%20")) {
            assertProblem(http.get("/api/v1/activity?" + filter, holder), 400, filter.substring(0, filter.indexOf('=')));
        }
        assertThat(http.get("/api/v1/activity?action=&actor=&outcome=&from=&to=", holder).status()).isEqualTo(200);
    }

    /**
     * Black-box finding ACTIVITY 7, 2026-12-07: a cursor past the log's end (no page gives one) answered the newest page,
     * so a client paging with it got the newest entries again, as if they were older ones. A cursor is the sequence number
     * of an entry a page ended with (docs/activity-log.md): one that names no entry of this log is refused as any other
     * cursor no page gave.
     */
    @Test
    void aCursorPastTheEndOfTheLogIsRefused() {
        for (int i = 0; i < 3; i++) {
            append(holder, "test.entry");
        }

        for (String cursor : List.of("99999", "4", "9223372036854775807")) {
            Http.Response beyond = http.get("/api/v1/activity?cursor=" + cursor, holder);
            assertProblem(beyond, 400, "cursor");
            assertThat(beyond.json().path("detail").asString()).isEqualTo("Not a cursor from a previous page.");
        }
        String helper = OpaqueIds.next("mbr");
        offered(holder, helper);
        assertProblem(http.get("/api/v1/activity/as-delegate?holder=" + holder + "&cursor=99999", helper), 400, "cursor");
        Http.Response last = http.get("/api/v1/activity?cursor=2", holder);
        assertThat(items(last).stream().map(e -> e.path("seq").asLong())).containsExactly(1L);
        assertThat(last.json().path("next").isNull()).isTrue();
    }

    /**
     * Black-box testing, 2026-12-07: an instant beyond what the database stores overflowed on its
     * way there, so a lower bound in year 1,000,000,000 found every entry and an upper one none. A
     * bound beyond what can be stored is no bound on that side; one beyond every entry finds nothing.
     */
    @Test
    void farOffInstantsBoundTheListAsTheySay() {
        append(holder, "test.only");
        String farFuture = "%2B1000000000-12-31T23:59:59.999999999Z";
        String farPast = "-999999999-01-01T00:00:00Z";

        assertThat(items(http.get("/api/v1/activity?from=" + farFuture, holder))).isEmpty();
        assertThat(items(http.get("/api/v1/activity?to=" + farPast, holder))).isEmpty();
        assertThat(items(http.get("/api/v1/activity?from=2000-01-01T00:00:00Z&to=" + farFuture, holder))).hasSize(1);
        assertThat(items(http.get("/api/v1/activity?from=" + farPast + "&to=%2B10000-01-01T00:00:00Z", holder))).hasSize(1);
        assertThat(items(http.get("/api/v1/activity?from=%2B10000-01-01T00:00:00Z", holder))).isEmpty();
    }

    /** Black-box testing, 2026-12-07: the list answered JSON whatever Accept asked for, where other endpoints answer 406 (docs/api.md). */
    @Test
    void theListAnswersJsonOrNotAtAll() {
        for (String accept : List.of("image/png", "text/csv", "application/xml")) {
            Http.Response refused = http.send(http.request("/api/v1/activity", holder).setHeader("Accept", accept).GET().build());
            assertThat(refused.status()).as(accept).isEqualTo(406);
        }
        assertThat(http.send(http.request("/api/v1/activity", holder).setHeader("Accept", "application/json").GET().build()).status())
                .isEqualTo(200);
        assertThat(http.send(http.request("/api/v1/activity", holder).setHeader("Accept", "*/*").GET().build()).status()).isEqualTo(200);
    }

    /** Issue 18: a helper reads their own entries in a client's log, nobody else's; a stranger's log looks absent (rule 20). */
    @Test
    void aHelperSeesOnlyTheirOwnEntriesOfAHolderWhoOfferedThemAGrant() {
        String helper = OpaqueIds.next("mbr");
        String other = OpaqueIds.next("mbr");
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, helper), "profile.update", ActivityEvent.Outcome.SUCCESS);
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, other), "profile.update", ActivityEvent.Outcome.SUCCESS);
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, holder), "profile.read", ActivityEvent.Outcome.SUCCESS);
        append(holder, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, helper), "network.search", ActivityEvent.Outcome.DENIED);

        assertProblem(http.get("/api/v1/activity/as-delegate?holder=" + holder, helper), 404, null);

        offered(holder, helper);
        List<JsonNode> own = items(http.get("/api/v1/activity/as-delegate?holder=" + holder, helper));

        assertThat(own.stream().map(e -> e.path("action").asString() + " " + e.path("actor").path("id").asString()))
                .containsExactly("network.search " + helper, "profile.update " + helper);
        assertProblem(http.get("/api/v1/activity/as-delegate?holder=" + holder + "&limit=500", helper), 400, "limit");
    }

    /**
     * docs/activity-log.md, "Reading it": the value a helper's change replaced is the holder's, and the helper's record leaves
     * it out. The entry's hash (and the next entry's prevHash, the same hash) was left in, and the hash rule is public and
     * keyed by nothing: the helper recovered "Chief Financial Officer" by hashing guesses until one matched (black-box
     * finding, 2026-12-07). The holder's own list keeps every value and every hash.
     */
    @Test
    void aHelpersRecordCarriesNoHashToTestGuessesOfTheValuesItLeavesOut() {
        String helper = OpaqueIds.next("mbr");
        ActivityEvent.Actor actor = new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, helper);
        transactions.executeWithoutResult(status -> recorder.record(new ActivityEvent(holder, actor, null, null, "contact.update", null,
                ActivityEvent.Outcome.SUCCESS, null, List.of(new ActivityEvent.Change("title", "Chief Financial Officer", "Assistant")), null)));
        append(holder, actor, "contact.read", ActivityEvent.Outcome.DENIED);
        offered(holder, helper);
        List<JsonNode> holders = items(http.get("/api/v1/activity", holder));
        String editHash = holders.get(1).path("hash").asString();

        Http.Response work = http.get("/api/v1/activity/as-delegate?holder=" + holder, helper);

        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertThat(work.body()).doesNotContain(editHash).doesNotContain("Chief Financial Officer");
        List<JsonNode> own = items(work);
        assertThat(own.get(1).path("changes").toString()).isEqualTo("[{\"after\":\"Assistant\",\"field\":\"title\"}]");
        assertThat(own.get(1).path("hash").isNull()).as("an entry with changes").isTrue();
        assertThat(own.get(0).path("hash").asString()).as("an entry without changes hides nothing").isEqualTo(holders.get(0).path("hash").asString());
        assertThat(own).allSatisfy(entry -> assertThat(entry.path("prevHash").isNull()).as(entry.toString()).isTrue());
        assertThat(holders.get(1).path("changes").path(0).path("before").asString()).isEqualTo("Chief Financial Officer");
        assertThat(holders.get(0).path("prevHash").asString()).isEqualTo(editHash);
    }

    @Test
    void theKeysArePublicOnePerLineNewestFirst() {
        Http.Response keys = http.get("/api/v1/activity/keys", null);

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.header("Content-Type")).startsWith("text/plain");
        assertThat(keys.body()).endsWith("\n");
        assertThat(keys.body().lines()).isNotEmpty().allMatch(line -> line.matches("[^+]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]+"));
    }

    private static void assertProblem(Http.Response answer, int status, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.json().path("field").asString()).as(answer.toString()).isEqualTo(field);
        }
    }
}
