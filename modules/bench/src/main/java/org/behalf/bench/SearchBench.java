package org.behalf.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.behalf.testing.Http;
import org.behalf.testing.Members;

/**
 * Network search on a large graph (issue 6): 100,000 members and about 2,000,000 connections are
 * written straight into the network tables (a fixed seed, so every run builds the same graph),
 * then searchers signed in through the API query the second and third degree.
 */
final class SearchBench implements Benchmark {

    private static final int MEMBERS = 100_000;
    private static final int CONNECTIONS = 2_000_000;
    private static final int SEARCHERS = 8;
    private static final String[] FIRST = {"ann", "bob", "cara", "dev", "eli", "fay", "gus", "hana", "ivo", "jun", "kai", "lea",
            "milo", "nora", "omar", "pia", "quin", "rosa", "sam", "tara", "uma", "vik", "wen", "xia", "yan", "zoe"};
    private static final String[] LAST = {"smith", "garcia", "chen", "mueller", "rossi", "dubois", "silva", "novak", "kim",
            "okafor", "tanaka", "jensen", "kowalski", "haddad", "ivanova", "murphy"};
    private static final String[] ROLES = {"engineer", "designer", "recruiter", "product manager", "analyst", "writer",
            "consultant", "teacher", "nurse", "sales lead"};
    private static final String[] SKILLS = {"java", "sql", "python", "negotiation", "figma", "kotlin", "excel", "hiring",
            "copywriting", "kubernetes", "go", "rust", "react", "finance"};
    private static final String[] CITIES = {"berlin", "lagos", "lima", "osaka", "paris", "toronto", "pune", "austin", "oslo"};

    @Override
    public String describe() {
        return "network search p50/p99 on 100,000 members / 2,000,000 connections (target p99 < 100 ms for 2nd degree)";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        List<Members.Member> searchers = new ArrayList<>();
        for (int i = 0; i < SEARCHERS; i++) {
            searchers.add(Members.create(target.baseUrl(), "srch"));
        }
        long started = System.nanoTime();
        seed(target, searchers);
        System.out.printf("seeded %,d members and %,d connections in %.0f s%n", MEMBERS, CONNECTIONS, (System.nanoTime() - started) / 1e9);
        // Signed in again: on a slow machine seeding outlasted the access tokens of their first sign-in.
        searchers.replaceAll(searcher -> new Members.Member(searcher.id(), searcher.handle(), searcher.email(), searcher.password(),
                Members.signIn(target.baseUrl(), searcher.handle(), searcher.password(), Members.MEMBER_SCOPES)
                        .path("access_token").asString(), null));

        // What one search answers, so that a fast figure can be told from an empty answer.
        Http http = new Http(target.baseUrl());
        for (int degree = 2; degree <= 3; degree++) {
            Http.Response sample = http.get("/api/v1/network/search?degree=" + degree + "&q=engineer", searchers.get(0).accessToken());
            System.out.printf("a degree-%d search for \"engineer\" answers %d hits (HTTP %d)%n", degree,
                    sample.json().path("items").size(), sample.status());
        }
        List<Load.Result> results = new ArrayList<>();
        for (int degree = 2; degree <= 3; degree++) {
            int d = degree;
            results.add(Load.run("search degree " + degree, 4, Duration.ofSeconds(5), Duration.ofSeconds(20), worker -> {
                KeepAliveConnection connection = new KeepAliveConnection(target.baseUrl());
                Random random = new Random(worker);
                String token = searchers.get(worker % SEARCHERS).accessToken();
                return () -> {
                    String q = random.nextBoolean() ? FIRST[random.nextInt(FIRST.length)] : ROLES[random.nextInt(ROLES.length)];
                    return connection.ok(connection.request("GET", "/api/v1/network/search?degree=" + d + "&q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8), null, "Bearer " + token, null));
                };
            }));
        }
        return results;
    }

    /** Synthetic members and a random graph; each searcher gets about forty connections into it. */
    private static void seed(Target target, List<Members.Member> searchers) throws Exception {
        Random random = new Random(42);
        try (Connection db = DriverManager.getConnection(target.databaseUrl() + "&rewriteBatchedStatements=true", target.user(),
                target.password())) {
            db.setAutoCommit(false);
            try (PreparedStatement member = db.prepareStatement("INSERT INTO network_member (member_id, handle, display_name, "
                    + "headline, location, skills, search_text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < MEMBERS; i++) {
                    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                    String headline = ROLES[random.nextInt(ROLES.length)];
                    String city = CITIES[random.nextInt(CITIES.length)];
                    String skills = SKILLS[random.nextInt(SKILLS.length)] + ", " + SKILLS[random.nextInt(SKILLS.length)];
                    String handle = "bench" + i;
                    member.setString(1, id(i));
                    member.setString(2, handle);
                    member.setString(3, name);
                    member.setString(4, headline);
                    member.setString(5, city);
                    member.setString(6, skills);
                    member.setString(7, String.join(" ", handle, name, headline, city, skills).toLowerCase(Locale.ROOT));
                    member.addBatch();
                    if (i % 5000 == 4999) {
                        member.executeBatch();
                    }
                }
                member.executeBatch();
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement connection = db.prepareStatement(
                    "INSERT IGNORE INTO network_connection (member_id, connection_id, created_at) VALUES (?, ?, ?)")) {
                Set<Long> seen = new HashSet<>();
                int pairs = 0;
                while (pairs < CONNECTIONS) {
                    int a = random.nextInt(MEMBERS);
                    int b = random.nextInt(MEMBERS);
                    if (a == b || !seen.add(Math.min(a, b) * (long) MEMBERS + Math.max(a, b))) {
                        continue;
                    }
                    add(connection, id(a), id(b), now);
                    pairs++;
                    if (pairs % 10_000 == 0) {
                        connection.executeBatch();
                    }
                }
                for (Members.Member searcher : searchers) {
                    for (int i = 0; i < 40; i++) {
                        add(connection, searcher.id(), id(random.nextInt(MEMBERS)), now);
                    }
                }
                connection.executeBatch();
            }
            db.commit();
        }
    }

    private static void add(PreparedStatement connection, String a, String b, Timestamp at) throws Exception {
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            connection.setString(1, pair[0]);
            connection.setString(2, pair[1]);
            connection.setTimestamp(3, at);
            connection.addBatch();
        }
    }

    private static String id(int i) {
        return String.format("mbr_bench%06d", i);
    }
}
