package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.CliAuthorization;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member's own account where other modules take part: closing it ends the grants on both sides, a
 * delegate can never reach it (DESIGN.md section 2 rule 4), and a password change is in the
 * member's log (the activity API). Signing up and the sessions are identity's alone and tested
 * there ({@code org.behalf.identity.account.AccountTest}).
 */
class AccountTest extends ServerTest {

    /** SECURITY-CASES 30: closing an account ends every session, token and grant tied to it. */
    @Test
    void closingAnAccountEndsItsSessionsTokensAndGrantsOnBothSides() {
        Http http = new Http(baseUrl());
        Member closing = Members.create(baseUrl(), "closer");
        Member helper = Members.create(baseUrl(), "closehelp");
        Member client = Members.create(baseUrl(), "closeclient");
        String given = grant(http, closing, helper);
        String taken = grant(http, client, closing);
        String helperActing = http.form("/oauth2/token", Delegations.exchangeForm(given, helper.accessToken())).json().path("access_token").asString();
        assertThat(http.get("/api/v1/profile", helperActing).status()).isEqualTo(200);
        Http browser = CliAuthorization.signedIn(baseUrl(), closing);

        assertThat(http.post("/api/v1/account/close", closing.accessToken(), Map.of("password", "not the password")).json()
                .path("field").asString()).isEqualTo("password");
        assertThat(http.post("/api/v1/account/close", closing.accessToken(), Map.of("password", closing.password())).status())
                .isEqualTo(204);

        assertThat(http.get("/api/v1/profile", closing.accessToken()).status()).as("its own tokens").isEqualTo(401);
        assertThat(CliAuthorization.redirect(browser)).as("its browser session").doesNotContain("code=");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Members.signIn(baseUrl(), closing.handle(), closing.password(),
                "profile:read")).as("signing in again").hasMessageContaining("sign-in failed");
        // Delegation tokens on the account are authorizations of the account: revoked with it.
        assertThat(http.get("/api/v1/profile", helperActing).status()).as("its helper's delegation token").isEqualTo(401);
        assertThat(http.get("/api/v1/delegations?role=delegate", helper.accessToken()).json().path("items").get(0)
                .path("status").asString()).isEqualTo("revoked");
        assertThat(http.get("/api/v1/delegations/" + taken, client.accessToken()).json().path("status").asString())
                .as("the grant it was given").isEqualTo("resigned");
    }

    private static String grant(Http http, Member holder, Member delegate) {
        String id = http.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", delegate.handle(),
                "scopes", List.of("profile:read"))).json().path("id").asString();
        assertThat(http.post("/api/v1/delegations/" + id + "/accept", delegate.accessToken(), null).status()).isEqualTo(200);
        return id;
    }







    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsTheOtherSessions() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "pwd");
        String phone = Members.signIn(baseUrl(), member.handle(), member.password(), Members.MEMBER_SCOPES).path("access_token").asString();

        Http.Response wrong = http.post("/api/v1/account/password", member.accessToken(),
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new passphrase"));
        assertThat(wrong.json().path("field").asString()).isEqualTo("currentPassword");
        assertThat(http.get("/api/v1/profile", phone).status()).isEqualTo(200);

        Http browser = CliAuthorization.signedIn(baseUrl(), member);
        assertThat(items(http.get("/api/v1/account/sessions", member.accessToken())))
                .anySatisfy(s -> assertThat(s.path("grantType").asString()).isEqualTo("browser"));

        assertThat(http.post("/api/v1/account/password", member.accessToken(),
                Map.of("currentPassword", member.password(), "newPassword", "a brand new passphrase")).status()).isEqualTo(204);

        // A signed-in browser (a stolen cookie, say) no longer gets codes: it must sign in again.
        assertThat(CliAuthorization.redirect(browser)).doesNotContain("code=").contains("/login");
        assertThat(items(http.get("/api/v1/account/sessions", member.accessToken())))
                .noneSatisfy(s -> assertThat(s.path("grantType").asString()).isEqualTo("browser"));

        assertThat(http.get("/api/v1/profile", phone).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        assertThat(Members.signIn(baseUrl(), member.handle(), "a brand new passphrase", "profile:read").has("access_token")).isTrue();
        // Both attempts are the member's to read: the refused one too, a sign that someone else may
        // hold the session (docs/security.md rule 37; it left no entry until 2026-12-07).
        List<JsonNode> changes = items(http.get("/api/v1/activity?action=account.password_change", member.accessToken()));
        assertThat(changes).extracting(e -> e.path("outcome").asString()).containsExactly("success", "error");
        assertThat(changes.get(1).path("reason").asString()).isEqualTo(wrong.json().path("detail").asString());
        assertThat(changes.get(1).path("actor").path("id").asString()).isEqualTo(member.id());
    }


    @Test
    void aDelegateCanNeverReachTheAccountAndTheAttemptIsRecorded() {
        Http http = new Http(baseUrl());
        Member holder = Members.create(baseUrl(), "acch");
        Member helper = Members.create(baseUrl(), "acca");
        String token = Delegations.delegationToken(http, Delegations.activeGrant(http, holder, helper, List.of("profile:read")), helper);

        assertThat(http.post("/api/v1/account/password", token, Map.of("currentPassword", "x", "newPassword", "y".repeat(12))).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/account/sessions", token).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/activity?action=account.password_change&outcome=denied", holder.accessToken()).json()
                .path("items").get(0).path("actor").path("id").asString()).isEqualTo(helper.id());
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
