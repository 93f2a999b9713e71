package org.behalf.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public {@code behalf-cli} client gets refresh tokens that rotate on every use (OAuth 2.1
 * section 4.3.1), so a command-line user signs in once per refresh lifetime; a reused one revokes
 * the whole family (docs/security.md rule 15), and a refresh is the CLI's alone.
 */
class CommandLineRefreshTest extends IdentitySlice {

    @Test
    void theCommandLineRefreshesWithItsIdAloneEachTokenOnceAndAReuseEndsTheFamily() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "clirefresh");
        assertThat(member.refreshToken()).as("the sign-in's token response has a refresh token").isNotBlank();

        Http.Response refreshed = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token",
                "refresh_token", member.refreshToken(), "client_id", Members.CLI));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.json().path("refresh_token").asString();
        String access = refreshed.json().path("access_token").asString();
        assertThat(second).as("rotated").isNotBlank().isNotEqualTo(member.refreshToken());
        assertThat(http.get("/api/v1/profile", access).status()).isEqualTo(200);

        Http.Response noClient = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", second));
        assertThat(noClient.status()).as("a refresh names its client").isEqualTo(401);
        assertThat(noClient.json().path("error").asString()).isEqualTo("invalid_client");

        Http.Response reused = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token",
                "refresh_token", member.refreshToken(), "client_id", Members.CLI));
        assertThat(reused.status()).as(reused.toString()).isEqualTo(400);
        assertThat(reused.json().path("error").asString()).isEqualTo("invalid_grant");
        Http.Response afterReuse = http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token",
                "refresh_token", second, "client_id", Members.CLI));
        assertThat(afterReuse.status()).as("the reuse revoked the newer token too").isEqualTo(400);
        assertThat(http.get("/api/v1/profile", access).status()).as("and the access token of the family").isEqualTo(401);
    }

    /**
     * Found by black-box testing: the same refresh token sent twice at once gave two families, one
     * of which stayed usable, since both requests found it current before either saved. At most one
     * gets tokens, and the other is a reuse that ends the family (docs/security.md rule 15).
     */
    @Test
    void aRefreshTokenSentSeveralTimesAtOnceGivesTokensAtMostOnceAndEndsTheFamily() throws Exception {
        Http http = new Http(baseUrl());
        for (int round = 0; round < 3; round++) {
            Member member = Members.create(baseUrl(), "refreshrace");
            List<Http.Response> answers = AtOnce.run(4, () -> http.form("/oauth2/token", Members.ordered("grant_type",
                    "refresh_token", "refresh_token", member.refreshToken(), "client_id", Members.CLI)));
            List<Http.Response> issued = answers.stream().filter(answer -> answer.status() == 200).toList();
            assertThat(issued).as(answers.toString()).hasSizeLessThanOrEqualTo(1);
            assertThat(answers).filteredOn(answer -> answer.status() != 200)
                    .allSatisfy(answer -> assertThat(answer.json().path("error").asString()).isEqualTo("invalid_grant"));
            for (Http.Response answer : issued) {
                assertThat(http.get("/api/v1/profile", answer.json().path("access_token").asString()).status())
                        .as("the reuse ended the family").isEqualTo(401);
                assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token",
                        answer.json().path("refresh_token").asString(), "client_id", Members.CLI)).status()).isEqualTo(400);
            }
        }
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    /**
     * Found by black-box testing (embedded H2, whose lock waits give up after two seconds): of one
     * refresh token sent six times at once, some were answered 503 problem JSON, "something else is
     * changing the same thing", where docs/oauth.md promises invalid_grant. Here the refresh's
     * transaction loses a lock conflict on its sign-in (InnoDB ends the lighter side of a deadlock):
     * that is another use of the same token, so it is answered invalid_grant, and the family ends.
     */
    @Test
    void aRefreshThatLosesALockConflictIsInvalidGrantAndEndsTheFamily() throws Exception {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "refreshlock");
        String refresh = TokenHashes.sha256(member.refreshToken());
        String signIn = jdbc.queryForObject("SELECT authorization_id FROM identity_token_index WHERE token_hash = ?", String.class, refresh);
        jdbc.execute("CREATE TABLE IF NOT EXISTS test_lock_weight (n INT)");
        CompletableFuture<Http.Response> answer = transactions.execute(tx -> {
            // Heavier than the refresh's transaction, so that InnoDB picks the refresh as the deadlock's victim.
            jdbc.batchUpdate("INSERT INTO test_lock_weight VALUES (?)", java.util.stream.IntStream.range(0, 300)
                    .mapToObj(n -> new Object[] {n}).toList());
            jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE id = ? FOR UPDATE", signIn);
            CompletableFuture<Http.Response> sent = CompletableFuture.supplyAsync(() -> http.form("/oauth2/token",
                    Members.ordered("grant_type", "refresh_token", "refresh_token", member.refreshToken(), "client_id", Members.CLI)));
            // The refresh has claimed its token and waits for the sign-in's row: take the token's row now.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p "
                    + "ON p.id = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()", Integer.class) == 0) {
                assertThat(System.nanoTime()).as("the refresh waits for the sign-in's row").isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            jdbc.queryForList("SELECT token_hash FROM identity_token_index WHERE token_hash = ? FOR UPDATE", refresh);
            return sent;
        });
        Http.Response refused = answer.get(60, TimeUnit.SECONDS);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).as("the family ended").isEqualTo(401);
        assertThat(http.form("/oauth2/token", Members.ordered("grant_type", "refresh_token", "refresh_token", member.refreshToken(),
                "client_id", Members.CLI)).json().path("error").asString()).isEqualTo("invalid_grant");
    }
}
