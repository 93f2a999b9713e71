package org.behalf.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.TestDatabase;
import org.behalf.auditformat.VerifyActivity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The activity log end to end on MySQL (DESIGN.md section 7; SECURITY-CASES 31-34): entries match
 * the effects of real requests one to one, also when the database fails under them, and an export
 * with its checkpoint and the published key verifies offline. The chain, checkpoints, keys and the
 * activity API on their own are tested in the audit module (ActivityChainTest, ActivityApiTest).
 */
class ActivityLogTest extends ServerTest {

    @Autowired
    private ActivityRecorder recorder;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void mixedDelegatedActionsLeaveExactlyOneEntryEachAndTheExportVerifies() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "loghold");
        Member helper = Members.create(baseUrl(), "loghelp");
        String token = delegationToken(holder, helper, List.of("profile:read", "profile:write"));

        int allowed = 0;
        int denied = 0;
        int failed = 0;
        for (int i = 0; i < 240; i++) {
            Http.Response answer = switch (i % 4) {
                case 0, 1 -> http.patch("/api/v1/profile", token, Map.of("headline", "Headline " + i));
                case 2 -> http.get("/api/v1/network/search?q=x", token);
                default -> http.patch("/api/v1/profile", token, Map.of("headline", "x".repeat(300)));
            };
            if (answer.status() == 200) {
                allowed++;
            } else if (answer.status() == 403) {
                denied++;
            } else if (answer.status() == 400) {
                failed++;
            }
        }
        assertThat(allowed).isEqualTo(120);
        assertThat(denied).isEqualTo(60);
        assertThat(failed).isEqualTo(60);

        String account = holder.id();
        assertThat(count(account, "profile.update", "SUCCESS")).isEqualTo(allowed);
        assertThat(count(account, "network.search", "DENIED")).isEqualTo(denied);
        assertThat(count(account, "profile.update", "ERROR")).isEqualTo(failed);
        assertThat(http.get("/api/v1/profile", holder.accessToken()).json().path("headline").asString()).isEqualTo("Headline 237");

        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        String checkpoint = http.get("/api/v1/activity/checkpoints/latest", holder.accessToken()).body();
        String key = http.get("/api/v1/activity/keys", null).body();
        long entries = export.lines().count();
        VerifyActivity.Result result = VerifyActivity.verify(export, List.of(checkpoint), key);
        assertThat(result.toString()).isEqualTo("valid up to seq " + entries);
        assertThat(checkpoint).startsWith("behalf.example/activity/" + account + "\n" + entries + "\n");

        JsonNode failure = Http.JSON.readTree(export.lines().filter(l -> l.contains("\"outcome\":\"error\"")).findFirst().orElseThrow());
        assertThat(failure.path("reason").asString()).contains("220");
        assertThat(failure.path("changes").size()).isZero();
        assertThat(export).doesNotContain(token).doesNotContain(helper.accessToken());
    }

    @Test
    void theProductionDatabaseUserCanAppendAndReadButNeitherUpdateNorDeleteEntries() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String user = "behalf_app_" + Long.toString(System.nanoTime(), 36);
        String migrator = user.replace("app", "mig");
        String account = "mbr_grants" + System.nanoTime();
        transactions.executeWithoutResult(status -> recorder.record(event(account, "test.grant")));
        // config/sql/production-grants.sql as an operator runs it, for this schema and these users.
        String grants = Files.readString(productionGrants()).replace("behalf_app", user).replace("behalf_migrate", migrator)
                .replace("behalf.", database.schema() + ".");
        List<String> granted = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(TestDatabase.serverUrl(), database.user(), database.password());
             Statement statement = admin.createStatement()) {
            for (String sql : grants.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql.strip());
                    java.util.regex.Matcher table = java.util.regex.Pattern.compile("ON " + database.schema() + "\\.(\\w+)").matcher(sql);
                    if (table.find()) {
                        granted.add(table.group(1));
                    }
                }
            }
        }
        try {
            List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                    String.class, database.schema());
            assertThat(granted).as("every table of the schema has its grant").containsAll(tables);
            try (Connection app = DriverManager.getConnection(database.url(), user, "change-me-app");
                 Statement statement = app.createStatement()) {
                assertThat(statement.executeQuery("SELECT COUNT(*) FROM audit_entry WHERE account_id = '" + account + "'").next()).isTrue();
                // the read of an entry that took a sequence number first (JdbcActivityRecorder)
                assertThat(statement.executeQuery("SELECT seq FROM audit_entry WHERE account_id = '" + account + "' AND seq = 1 "
                        + "LOCK IN SHARE MODE").next()).isTrue();
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_entry SET action = 'forged' WHERE account_id = '" + account + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("UPDATE command denied");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_entry WHERE account_id = '" + account + "'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("DELETE command denied");
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(TestDatabase.serverUrl(), database.user(), database.password());
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                statement.execute("DROP USER IF EXISTS '" + migrator + "'@'%'");
            }
        }
        assertThat(count(account, "test.grant", "SUCCESS")).isEqualTo(1);
    }

    private static Path productionGrants() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("config/sql/production-grants.sql");
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new IllegalStateException("config/sql/production-grants.sql not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * SECURITY-CASES 31, "after a database restart": what the application sees of a restart is every
     * connection dropping at once. Here the database kills all of the application's connections
     * again and again while a delegate creates contacts from four threads; whatever was in flight
     * fails, and afterwards effects and entries still match one to one and the chain verifies.
     */
    @Test
    void whenTheDatabaseDropsEveryConnectionMidLoadEffectsAndEntriesStillMatch() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "killhold");
        Member helper = Members.create(baseUrl(), "killhelp");
        String token = delegationToken(holder, helper, List.of("contacts:read", "contacts:write"));

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        Future<?> killer = pool.submit(() -> {
            TestDatabase database = TestDatabase.shared();
            String schema = database.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
            while (loading.get()) {
                try (Connection admin = DriverManager.getConnection(database.url(), database.user(), database.password());
                     Statement statement = admin.createStatement()) {
                    List<Long> ids = new ArrayList<>();
                    try (java.sql.ResultSet rows = statement.executeQuery("SELECT id FROM information_schema.PROCESSLIST WHERE db = '"
                            + schema + "' AND id <> CONNECTION_ID()")) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                    for (long id : ids) {
                        try {
                            statement.execute("KILL CONNECTION " + id);
                            kills.incrementAndGet();
                        } catch (SQLException alreadyGone) {
                            // it ended by itself
                        }
                    }
                    Thread.sleep(40);
                }
            }
            return null;
        });
        List<Future<int[]>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                int created = 0;
                int failed = 0;
                int unknown = 0;
                for (int i = 0; i < 40; i++) {
                    Http.Response answer = http.post("/api/v1/contacts", token, Map.of("name", "Contact " + writer + "-" + i));
                    if (answer.status() == 201) {
                        created++;
                    } else {
                        assertThat(answer.status()).as("a dropped connection fails the request, nothing else").isGreaterThanOrEqualTo(500);
                        failed++;
                        unknown += answer.body().contains("outcome is unknown") ? 1 : 0;
                    }
                }
                return new int[] {created, failed, unknown};
            }));
        }
        int created = 0;
        int failed = 0;
        int unknown = 0;
        for (Future<int[]> writer : writers) {
            int[] counts = writer.get();
            created += counts[0];
            failed += counts[1];
            unknown += counts[2];
        }
        loading.set(false);
        killer.get();
        pool.shutdown();
        // Past Hikari's half-second window, every pooled connection is checked before use again.
        Thread.sleep(1_000);

        assertThat(kills.get()).isPositive();
        assertThat(failed).as("the kills hit requests in flight").isPositive();
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM network_contact WHERE owner_id = ?", Integer.class, holder.id());
        // A commit whose answer was lost is checked against the request's own entry: a 201 if it
        // happened, "nothing was changed" if not; only while the database cannot tell is it "unknown".
        assertThat(rows).as("every 201 is a contact; beyond them, at most the unknown outcomes").isBetween(created, created + unknown);
        assertThat(count(holder.id(), "contact.create", "SUCCESS")).as("one success entry per contact, exactly").isEqualTo(rows);

        // The application recovered; the chain has no gap and verifies.
        http.post("/api/v1/activity/checkpoints", holder.accessToken(), null);
        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        VerifyActivity.Result result = VerifyActivity.verify(export,
                List.of(http.get("/api/v1/activity/checkpoints/latest", holder.accessToken()).body()),
                http.get("/api/v1/activity/keys", null).body());
        assertThat(result.valid()).as(result.toString()).isTrue();
    }

    /**
     * An app's export is recorded once, as the app's (DESIGN.md section 2 rule 6): the export must
     * not add a second entry blaming the holder. The holder's own export is recorded as theirs.
     */
    @Test
    void anAppsExportLeavesExactlyOneEntryByTheAppAndTheHoldersOwnExportOneByTheHolder() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "appexp");
        JsonNode app = http.post("/api/v1/clients", holder.accessToken(), Map.of("name", "Log reader", "scopes", List.of("activity:read"),
                "grantTypes", List.of("authorization_code", "refresh_token"), "redirectUris", List.of(APP_CALLBACK))).json();
        String clientId = app.path("clientId").asString();
        String appToken = appToken(app, holder, "activity:read");

        Http.Response byApp = http.get("/api/v1/activity/export?from=1", appToken);

        assertThat(byApp.status()).as(byApp.toString()).isEqualTo(200);
        List<JsonNode> exports = entries(holder, "action=activity.export");
        assertThat(exports).hasSize(1);
        assertThat(exports.get(0).path("actor").path("kind").asString()).isEqualTo("app");
        assertThat(exports.get(0).path("actor").path("id").asString()).isEqualTo(clientId);
        assertThat(exports.get(0).path("clientId").asString()).isEqualTo(clientId);
        assertThat(exports.get(0).path("requestId").asString()).isEqualTo(byApp.header("X-Request-Id"));
        assertThat(exports.get(0).path("changes").toString()).isEqualTo("[{\"after\":\"1..\",\"before\":null,\"field\":\"range\"}]");

        assertThat(http.get("/api/v1/activity/export", holder.accessToken()).status()).isEqualTo(200);
        exports = entries(holder, "action=activity.export");
        assertThat(exports).hasSize(2);
        assertThat(exports.get(0).path("actor").path("kind").asString()).isEqualTo("holder");
        assertThat(exports.get(0).path("actor").path("id").asString()).isEqualTo(holder.id());

        // An Accept the export cannot answer is 406 (docs/api.md), and exports nothing.
        for (String accept : List.of("text/csv", "application/xml")) {
            Http.Response refused = http.send(http.request("/api/v1/activity/export", holder.accessToken()).setHeader("Accept", accept)
                    .GET().build());
            assertThat(refused.status()).as(accept + ": " + refused).isEqualTo(406);
        }
        assertThat(entries(holder, "action=activity.export")).hasSize(2);

        // RFC 9110 section 12.4.2: q=0 refuses a type; it was answered in it (black-box finding, 2026-12-07).
        for (String path : List.of("/api/v1/activity?limit=1", "/api/v1/activity/export")) {
            for (String accept : List.of("application/json;q=0", "application/jsonl;q=0", "*/*;q=0")) {
                Http.Response refused = http.send(http.request(path, holder.accessToken()).setHeader("Accept", accept).GET().build());
                assertThat(refused.status()).as(path + " " + accept + ": " + refused).isEqualTo(406);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        assertThat(http.send(http.request("/api/v1/activity?limit=1", holder.accessToken()).setHeader("Accept", "application/json;q=0.5")
                .GET().build()).status()).isEqualTo(200);
        assertThat(entries(holder, "action=activity.export")).hasSize(2);
    }

    @Test
    void theListFiltersByActorAndByATimeWindowWhoseEndIsExclusiveAndPagesWithItsCursor() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "logfilt");
        Member helper = Members.create(baseUrl(), "logfhelp");
        String token = delegationToken(holder, helper, List.of("profile:read", "profile:write"));
        for (int i = 0; i < 6; i++) {
            assertThat(http.patch("/api/v1/profile", token, Map.of("headline", "Filter " + i)).status()).isEqualTo(200);
            if (i % 2 == 1) {
                // Three pairs, more than a second apart (milliseconds within one second:
                // theTimeWindowCountsMillisecondsAndABoundBeyondWhatTheDatabaseStoresIsNoBound).
                Thread.sleep(1_100);
            }
        }
        assertThat(http.get("/api/v1/activity/export", holder.accessToken()).status()).isEqualTo(200);
        List<JsonNode> all = entries(holder, "");
        assertThat(all.stream().map(entry -> entry.path("actor").path("kind").asString())).contains("holder", "delegate");

        List<JsonNode> byHelper = entries(holder, "actor=" + helper.id());
        assertThat(ids(byHelper)).isEqualTo(ids(all.stream().filter(e -> e.path("actor").path("id").asString().equals(helper.id())).toList()));
        assertThat(byHelper.stream().filter(e -> e.path("action").asString().equals("profile.update"))).hasSize(6);
        assertThat(entries(holder, "actor=" + holder.id()).stream().map(e -> e.path("actor").path("id").asString())).containsOnly(holder.id());

        List<JsonNode> updates = entries(holder, "action=profile.update");
        JsonNode pivot = updates.get(3); // the first of the middle pair
        Instant at = Instant.parse(pivot.path("occurredAt").asString());
        List<JsonNode> from = entries(holder, "from=" + at);
        List<JsonNode> to = entries(holder, "to=" + at);
        assertThat(ids(from)).contains(pivot.path("id").asString())
                .isEqualTo(ids(all.stream().filter(e -> !Instant.parse(e.path("occurredAt").asString()).isBefore(at)).toList()));
        assertThat(ids(to)).as("to is exclusive").doesNotContain(pivot.path("id").asString())
                .isEqualTo(ids(all.stream().filter(e -> Instant.parse(e.path("occurredAt").asString()).isBefore(at)).toList()));
        assertThat(from.size() + to.size()).isEqualTo(all.size());
        assertThat(ids(entries(holder, "from=" + at + "&to=" + Instant.parse(updates.get(1).path("occurredAt").asString()))))
                .as("the middle pair").containsExactly(updates.get(2).path("id").asString(), pivot.path("id").asString());

        assertThat(ids(pages(holder, "limit=2"))).as("pages of two, cursor to cursor, make the whole list").isEqualTo(ids(all));
        assertThat(ids(pages(holder, "limit=4&actor=" + helper.id()))).isEqualTo(ids(byHelper));
    }

    /**
     * docs/activity-log.md: {@code from}/{@code to} compare {@code occurredAt}, with its milliseconds, and a bound
     * beyond the years the log can hold is no bound on that side. On MariaDB both bounds acted as cut to the whole
     * second, so a bound taken from an entry's own time found entries of that second before it, and every {@code to}
     * after 2038-01-19T03:14:07Z (MySQL's TIMESTAMP) or {@code from} before 1970 found an empty log (black-box
     * findings, 2026-12-07). Page by page, the window gives the same entries.
     */
    @Test
    void theTimeWindowCountsMillisecondsAndABoundBeyondWhatTheDatabaseStoresIsNoBound() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "logms");
        Member helper = Members.create(baseUrl(), "logmshelp");
        String token = delegationToken(holder, helper, List.of("profile:read"));
        List<JsonNode> all;
        int tries = 0;
        do {
            assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(200);
            all = entries(holder, "");
            assertThat(++tries).as("two entries in one second").isLessThan(100);
        } while (!twoInOneSecond(all));

        for (JsonNode entry : all) {
            Instant at = Instant.parse(entry.path("occurredAt").asString());
            Instant justAfter = at.plusMillis(1);
            assertThat(ids(entries(holder, "from=" + at))).as("from %s", at)
                    .isEqualTo(ids(all.stream().filter(e -> !occurred(e).isBefore(at)).toList()));
            assertThat(ids(entries(holder, "to=" + at))).as("to %s", at)
                    .isEqualTo(ids(all.stream().filter(e -> occurred(e).isBefore(at)).toList()));
            assertThat(ids(entries(holder, "to=" + justAfter))).as("to %s", justAfter).contains(entry.path("id").asString());
            assertThat(ids(pages(holder, "limit=1&from=" + at))).as("paged from %s", at)
                    .isEqualTo(ids(all.stream().filter(e -> !occurred(e).isBefore(at)).toList()));
        }
        for (String noBound : List.of("to=2038-01-19T03:14:08Z", "to=2100-01-01T00:00:00Z", "to=%2B1000000000-12-31T23:59:59.999999999Z",
                "from=1969-12-31T23:59:59Z", "from=1900-01-01T00:00:00Z", "from=-1000000000-01-01T00:00:00Z")) {
            assertThat(ids(entries(holder, noBound))).as(noBound).isEqualTo(ids(all));
        }
        for (String beyond : List.of("from=2100-01-01T00:00:00Z", "from=%2B1000000000-12-31T23:59:59.999999999Z", "to=1969-12-31T23:59:59Z",
                "to=-1000000000-01-01T00:00:00Z")) {
            assertThat(entries(holder, beyond)).as(beyond).isEmpty();
        }
    }

    private static Instant occurred(JsonNode entry) {
        return Instant.parse(entry.path("occurredAt").asString());
    }

    /** Whether two of the entries have different times within one second (what a bound cut to the second gets wrong). */
    private static boolean twoInOneSecond(List<JsonNode> entries) {
        return entries.stream().map(ActivityLogTest::occurred).distinct()
                .collect(Collectors.groupingBy(at -> at.getEpochSecond(), Collectors.counting()))
                .values().stream().anyMatch(n -> n > 1);
    }

    /** DESIGN.md section 2 rule 6 covers reads too: a delegate looking is recorded, not only a delegate changing. */
    @Test
    void aDelegatesReadIsRecorded() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "readhold");
        Member helper = Members.create(baseUrl(), "readhelp");
        String token = delegationToken(holder, helper, List.of("profile:read"));

        Http.Response read = http.get("/api/v1/profile", token);

        assertThat(read.status()).isEqualTo(200);
        JsonNode entry = entryOf(holder, read);
        assertThat(entry.path("action").asString()).isEqualTo("profile.read");
        assertThat(entry.path("outcome").asString()).isEqualTo("success");
        assertThat(entry.path("actor").path("kind").asString()).isEqualTo("delegate");
        assertThat(entry.path("actor").path("id").asString()).isEqualTo(helper.id());
        assertThat(entry.path("grantId").asString()).startsWith("grt_");
        assertThat(entry.path("target").path("type").asString()).isEqualTo("profile");
        assertThat(entry.path("target").path("id").asString()).isEqualTo(holder.id());
        assertThat(entry.path("changes").size()).isZero();
    }

    @Test
    void aProfileUpdateRecordsEachChangedFieldWithTheValueItReplaced() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "beforeh");
        Member helper = Members.create(baseUrl(), "befored");
        String token = delegationToken(holder, helper, List.of("profile:read", "profile:write"));
        Http.Response first = http.patch("/api/v1/profile", token, Map.of("headline", "Engineer", "location", "Lisbon",
                "skills", List.of("Java")));

        Http.Response second = http.patch("/api/v1/profile", token, Map.of("headline", "Product lead", "location", "Lisbon",
                "skills", List.of("Java", "SQL")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(entryOf(holder, first).path("changes").toString()).contains(
                "{\"after\":\"Engineer\",\"before\":\"\",\"field\":\"headline\"}");
        JsonNode changes = entryOf(holder, second).path("changes");
        assertThat(changes.toString()).isEqualTo("[{\"after\":\"Product lead\",\"before\":\"Engineer\",\"field\":\"headline\"},"
                + "{\"after\":[\"Java\",\"SQL\"],\"before\":[\"Java\"],\"field\":\"skills\"}]");
    }

    /**
     * SECURITY-CASES 31 with requests that fail after they wrote: a contacts import stores its rows
     * one by one, and a row the database refuses (a CHECK constraint this test adds, standing for
     * any failure of the database mid-request) fails the import after the rows before it were
     * inserted. Mixed with plain writes, imports that succeed, and reads:
     * one entry per request, one success entry per effect, nothing of a failed import kept, and the
     * chain verifies.
     */
    @Test
    void writesThatFailMidTransactionAndReadsLeaveOneEntryEachAndNoEffectOfTheirs() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "midhold");
        Member helper = Members.create(baseUrl(), "midhelp");
        String token = delegationToken(holder, helper, List.of("contacts:read", "contacts:write", "profile:read"));
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM audit_entry WHERE account_id = ?", Long.class, holder.id());
        jdbc.execute("ALTER TABLE network_contact ADD CONSTRAINT test_refused_row CHECK (name NOT LIKE 'Refused by the database%')");
        try {
            mixedLoad(http, holder, token, before);
        } finally {
            jdbc.execute("ALTER TABLE network_contact DROP CONSTRAINT test_refused_row");
        }
    }

    private void mixedLoad(Http http, Member holder, String token, long before) throws Exception {

        int requests = 0;
        int created = 0;
        int imports = 0;
        int failedImports = 0;
        int reads = 0;
        for (int i = 0; i < 60; i++) {
            requests++;
            switch (i % 5) {
                case 0 -> {
                    assertThat(http.post("/api/v1/contacts", token, Map.of("name", "Plain " + i)).status()).isEqualTo(201);
                    created++;
                }
                case 1 -> {
                    Http.Response answer = csv(http, token, "name,email\nImported " + i + "a,a" + i + "@example.com\nImported " + i + "b,\n");
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.json().path("imported").asInt()).isEqualTo(2);
                    imports++;
                }
                case 2 -> {
                    Http.Response answer = csv(http, token, "name,email\nPartial " + i + ",p" + i + "@example.com\n"
                            + "Refused by the database " + i + ",r" + i + "@example.com\n");
                    assertThat(answer.status()).as("the second row fails after the first was written: " + answer).isGreaterThanOrEqualTo(500);
                    failedImports++;
                }
                case 3 -> {
                    assertThat(http.get("/api/v1/contacts?q=imported", token).status()).isEqualTo(200);
                    reads++;
                }
                default -> {
                    assertThat(http.get("/api/v1/profile", token).status()).isEqualTo(200);
                    reads++;
                }
            }
        }

        String account = holder.id();
        Integer entries = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND seq > ?", Integer.class,
                account, before);
        assertThat(entries).as("one entry per request, no more, no fewer").isEqualTo(requests);
        assertThat(count(account, "contact.create", "SUCCESS")).isEqualTo(created);
        assertThat(count(account, "contact.import", "SUCCESS")).isEqualTo(imports);
        assertThat(count(account, "contact.import", "ERROR")).isEqualTo(failedImports);
        assertThat(count(account, "contact.list", "SUCCESS") + count(account, "profile.read", "SUCCESS")).isEqualTo(reads);
        Integer contacts = jdbc.queryForObject("SELECT COUNT(*) FROM network_contact WHERE owner_id = ?", Integer.class, account);
        assertThat(contacts).as("every contact comes from a request with a success entry").isEqualTo(created + 2 * imports);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM network_contact WHERE owner_id = ? AND name LIKE 'Partial %'",
                Integer.class, account)).as("the rows a failed import wrote first were rolled back with it").isZero();
        int importedPerEntries = 0;
        for (JsonNode success : entries(holder, "action=contact.import&outcome=success")) {
            for (JsonNode change : success.path("changes")) {
                importedPerEntries += change.path("field").asString().equals("imported") ? change.path("after").asInt() : 0;
            }
        }
        assertThat(importedPerEntries).as("each imported contact is counted in its import's entry").isEqualTo(2 * imports);
        for (JsonNode failure : entries(holder, "action=contact.import&outcome=error")) {
            assertThat(failure.path("changes").size()).as("a failed request records no changes").isZero();
        }

        http.post("/api/v1/activity/checkpoints", holder.accessToken(), null);
        String export = http.get("/api/v1/activity/export", holder.accessToken()).body();
        VerifyActivity.Result result = VerifyActivity.verify(export,
                List.of(http.get("/api/v1/activity/checkpoints/latest", holder.accessToken()).body()),
                http.get("/api/v1/activity/keys", null).body());
        // the export is recorded too, and covers its own entry
        assertThat(result.toString()).isEqualTo("valid up to seq " + (before + requests + 1));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static final String APP_CALLBACK = "https://app.example/cb";

    /** An accepted grant of {@code scopes} from holder to helper, exchanged for a delegation token. */
    private String delegationToken(Member holder, Member helper, List<String> scopes) {
        Http http = new Http(baseUrl());
        return Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, scopes), helper);
    }

    private String appToken(JsonNode app, Member member, String scope) {
        return Members.appTokens(baseUrl(), app, APP_CALLBACK, member, scope).path("access_token").asString();
    }

    private Http.Response csv(Http http, String token, String body) {
        return http.send(http.request("/api/v1/contacts/import", token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The holder's entries matching {@code query}, newest first, from one page of the list. */
    private List<JsonNode> entries(Member holder, String query) {
        Http.Response page = new Http(baseUrl()).get("/api/v1/activity?limit=200" + (query.isEmpty() ? "" : "&" + query), holder.accessToken());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().path("next").isNull()).as("one page holds them all").isTrue();
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("items").forEach(entries::add);
        return entries;
    }

    /** The same list followed page by page through {@code next}. */
    private List<JsonNode> pages(Member holder, String query) {
        Http http = new Http(baseUrl());
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = http.get("/api/v1/activity?" + query + (cursor == null ? "" : "&cursor=" + cursor), holder.accessToken());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(entries::add);
            cursor = page.json().path("next").asString(null);
            assertThat(++pages).as("the cursor moves on").isLessThan(500);
        } while (cursor != null);
        return entries;
    }

    /**
     * docs/activity-log.md: an entry's requestId is its answer's X-Request-Id, for a token exchange
     * too, issued or refused; only the API's requests were named before (black-box testing, 2026-12-06).
     */
    @Test
    void aTokenExchangesEntryCarriesTheIdItsAnswerNamed() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "xidhold");
        Member helper = Members.create(baseUrl(), "xidhelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read"));

        Http.Response issued = http.form("/oauth2/token", Delegations.exchangeForm(grant, helper.accessToken()));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertThat(entryOf(holder, issued).path("action").asString()).isEqualTo("delegation.exchange");

        java.util.Map<String, String> wider = Delegations.exchangeForm(grant, helper.accessToken());
        wider.put("scope", "network:search");
        Http.Response refused = http.form("/oauth2/token", wider);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(entryOf(holder, refused).path("outcome").asString()).isEqualTo("denied");
    }

    /**
     * docs/security.md rule 31 on a cluster: a refused request's entry is written apart, after its
     * request's transaction rolled back, and two refusals of one holder on two Galera nodes both
     * append to the holder's chain; the loser's entry met a certification conflict (MariaDB's
     * deadlock error) and was dropped (black-box finding, 2026-12-07: 73 of 318 refusals through
     * three nodes left no entry). Here the entry loses a real InnoDB deadlock, and is written again:
     * exactly one entry, with the answer's request id. A refused token exchange's entry the same.
     */
    @Test
    void aRefusalsEntryThatLosesADeadlockIsWrittenAgainOnce() throws Exception {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "lockhold");
        Member helper = Members.create(baseUrl(), "lockhelp");
        String grant = Delegations.activeGrant(http, holder, helper, List.of("profile:read"));
        String token = Delegations.delegationToken(http, grant, helper);

        Http.Response refused = entryLosesADeadlock(holder, () -> http.get("/api/v1/network/search?q=ann", token));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(entryOf(holder, refused).path("outcome").asString()).isEqualTo("denied");

        java.util.Map<String, String> wider = Delegations.exchangeForm(grant, helper.accessToken());
        wider.put("scope", "network:search");
        Http.Response exchange = entryLosesADeadlock(holder, () -> http.form("/oauth2/token", wider));
        assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
        JsonNode entry = entryOf(holder, exchange);
        assertThat(entry.path("action").asString()).isEqualTo("delegation.exchange");
        assertThat(entry.path("outcome").asString()).isEqualTo("denied");
        assertThat(count(holder.id(), "test.held", "success")).as("the test's own row rolled back").isZero();
    }

    /**
     * Sends {@code request} while a transaction of this test's makes its entry lose an InnoDB
     * deadlock: it holds the holder's next sequence number (an uncommitted row, which the entry's
     * insert waits for) and then asks for the head the entry links to, which the entry's insert
     * holds shared; heavier (rows of its own changed first), it is not the one InnoDB picks. Then
     * rolled back. Asserts that the entry was written again after it lost.
     */
    private Http.Response entryLosesADeadlock(Member holder, java.util.function.Supplier<Http.Response> request) throws Exception {
        double rerunsBefore = recordReruns();
        TestDatabase database = TestDatabase.shared();
        java.util.concurrent.CompletableFuture<Http.Response> answer;
        // A connection of its own, not the pool's (see TwoNodesTest.aRequestThatLosesADeadlockIsRunAgainAndSucceeds).
        try (Connection other = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            other.setAutoCommit(false);
            long head;
            try (java.sql.PreparedStatement last = other.prepareStatement("SELECT MAX(seq) FROM audit_entry WHERE account_id = ?")) {
                last.setString(1, holder.id());
                try (java.sql.ResultSet row = last.executeQuery()) {
                    row.next();
                    head = row.getLong(1);
                }
            }
            String weight = "weight-" + java.util.UUID.randomUUID();
            try (java.sql.PreparedStatement hold = other.prepareStatement("INSERT INTO audit_entry (account_id, seq, id, occurred_at, "
                    + "actor_kind, actor_id, action, outcome, grant_id, hash, entry) VALUES (?, ?, ?, NOW(3), 'system', 'test', "
                    + "'test.held', 'success', NULL, REPEAT('0', 64), '{}')")) {
                for (int i = 1; i <= 8; i++) {
                    hold.setString(1, weight);
                    hold.setLong(2, i);
                    hold.setString(3, "act_weight" + i);
                    hold.addBatch();
                }
                hold.setString(1, holder.id());
                hold.setLong(2, head + 1);
                hold.setString(3, "act_heldbytest");
                hold.addBatch();
                hold.executeBatch();
            }
            answer = java.util.concurrent.CompletableFuture.supplyAsync(request, Executors.newSingleThreadExecutor());
            try (java.sql.PreparedStatement waiting = other.prepareStatement("SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS w "
                    + "JOIN information_schema.INNODB_TRX t ON t.trx_id = w.blocking_trx_id WHERE t.trx_mysql_thread_id = CONNECTION_ID()")) {
                boolean waited = false;
                for (int i = 0; i < 200 && !waited && !answer.isDone(); i++) {
                    // Every 150 ms, not more often: InnoDB refreshes these tables only when they have
                    // not been read for 100 ms, so a closer poll reads the same stale rows for ever.
                    Thread.sleep(150);
                    try (java.sql.ResultSet count = waiting.executeQuery()) {
                        count.next();
                        waited = count.getInt(1) > 0;
                    }
                }
                assertThat(waited).as("the entry waited for the test's row" + (answer.isDone() ? "; answered " + answer.get() : "")).isTrue();
            }
            try (java.sql.PreparedStatement lock = other.prepareStatement(
                    "SELECT seq FROM audit_entry WHERE account_id = ? AND seq = ? FOR UPDATE")) {
                lock.setString(1, holder.id());
                lock.setLong(2, head);
                lock.executeQuery().close();
            }
            other.rollback();
        }
        Http.Response answered = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(recordReruns() - rerunsBefore).as("the entry lost the deadlock and was written again").isEqualTo(1);
        return answered;
    }

    private double recordReruns() {
        io.micrometer.core.instrument.Counter counter = meters.find("behalf.record.conflicts").tag("outcome", "rerun").counter();
        return counter == null ? 0 : counter.count();
    }

    /** The entry of one answered request, found by the answer's {@code X-Request-Id}. */
    private JsonNode entryOf(Member holder, Http.Response answer) {
        String requestId = answer.header("X-Request-Id");
        List<JsonNode> found = entries(holder, "").stream().filter(e -> requestId.equals(e.path("requestId").asString())).toList();
        assertThat(found).as("exactly one entry for request " + requestId).hasSize(1);
        return found.get(0);
    }

    private static List<String> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("id").asString()).toList();
    }

    private int count(String account, String action, String outcome) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE account_id = ? AND action = ? AND outcome = ?",
                Integer.class, account, action, outcome);
        return count == null ? 0 : count;
    }

    private static ActivityEvent event(String account, String action) {
        return new ActivityEvent(account, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.SYSTEM, "test"), null, null, action,
                null, ActivityEvent.Outcome.SUCCESS, null, List.of(), null);
    }
}
