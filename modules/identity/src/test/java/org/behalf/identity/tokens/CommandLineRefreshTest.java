package org.behalf.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;

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
}
