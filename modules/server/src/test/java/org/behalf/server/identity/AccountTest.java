package org.behalf.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A member's own sessions and password; never reachable by a delegate (DESIGN.md section 2 rule 4). */
class AccountTest extends ServerTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

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
        Http browser = signedInBrowser(closing);

        assertThat(http.post("/api/v1/account/close", closing.accessToken(), Map.of("password", "not the password")).json()
                .path("field").asString()).isEqualTo("password");
        assertThat(http.post("/api/v1/account/close", closing.accessToken(), Map.of("password", closing.password())).status())
                .isEqualTo(204);

        assertThat(http.get("/api/v1/profile", closing.accessToken()).status()).as("its own tokens").isEqualTo(401);
        assertThat(browser.get(AUTHORIZE, null).header("Location")).as("its browser session").doesNotContain("code=");
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
    void signUpsPastTheLimitOfAnAddressAreRefusedWith429AndCreateNothing() {
        // This machine's sign-ups are at the limit (the suite's own limit is high, so fill the counter).
        fillSignUpCounter(1_000_000);
        Http http = new Http(baseUrl());
        String handle = Members.unique("limited");
        Map<String, String> body = Map.of("handle", handle, "email", handle + "@example.test", "password", "correct horse " + handle,
                "displayName", "Limited");
        Http.Response refused;
        try {
            refused = http.post("/api/v1/members", null, body);
        } finally {
            SIGN_UP_KEYS.forEach(key -> jdbc.update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", key));
        }
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("Too many new accounts");
        assertThat(http.post("/api/v1/members", null, body).status()).as("nothing was created the first time").isEqualTo(201);
    }

    /**
     * docs/security.md rule 37: refused sign-ups count too (they rolled back with their request),
     * so sign-ups with an address already in use end in 429 like any others, before a password is hashed.
     */
    @Test
    void refusedSignUpsCountTowardsTheLimit() {
        Member existing = Members.create(baseUrl(), "existing");
        fillSignUpCounter(999_998);
        Http http = new Http(baseUrl());
        List<Integer> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                answers.add(http.post("/api/v1/members", null, Map.of("handle", Members.unique("again"), "email", existing.email(),
                        "password", "correct horse battery " + i, "displayName", "Again")).status());
            }
        } finally {
            SIGN_UP_KEYS.forEach(key -> jdbc.update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", key));
        }
        assertThat(answers).containsExactly(409, 409, 429);
    }

    /** A handle typed with a look-alike (U+2024 ONE DOT LEADER) is stored and shown in its printable-ASCII form. */
    @Test
    void aHandleTypedWithALookAlikeIsStoredInItsAsciiForm() {
        Http http = new Http(baseUrl());
        String plain = Members.unique("dot") + ".x";
        String typed = plain.replace('.', '\u2024');
        Http.Response created = http.post("/api/v1/members", null, Map.of("handle", typed, "email", plain + "@example.test",
                "password", "correct horse " + plain, "displayName", "Dot"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("handle").asString()).isEqualTo(plain);
    }

    private static final List<String> SIGN_UP_KEYS = List.of("signup:127.0.0.1", "signup:0:0:0:0:0:0:0:1");

    /** This machine's sign-ups counted as {@code count} in the current window (the suite's own limit is 1,000,000). */
    private void fillSignUpCounter(int count) {
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        for (String key : SIGN_UP_KEYS) {
            jdbc.update("INSERT INTO identity_signin_throttle (throttle_key, failures, window_start) VALUES (?, ?, ?) "
                    + "ON DUPLICATE KEY UPDATE failures = ?, window_start = ?", key, count, now, count, now);
        }
    }

    /** SECURITY-CASES 26: look-alike names fold to one account, or are refused. */
    @Test
    void fullWidthAndCaseVariantsOfAHandleAreTheSameNameAndCrossScriptEmailsAreRefused() {
        Http http = new Http(baseUrl());
        String handle = Members.unique("fold");
        Http.Response first = http.post("/api/v1/members", null, Map.of("handle", handle, "email", handle + "@example.test",
                "password", "correct horse " + handle, "displayName", "Fold"));
        assertThat(first.status()).isEqualTo(201);
        String fullWidth = handle.toUpperCase(java.util.Locale.ROOT).chars()
                .map(c -> c >= 'A' && c <= 'Z' ? c - 'A' + 'Ａ' : c >= '0' && c <= '9' ? c - '0' + '０' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        Http.Response again = http.post("/api/v1/members", null, Map.of("handle", fullWidth, "email", "other." + handle + "@example.test",
                "password", "correct horse " + handle, "displayName", "Fold again"));
        Http.Response cyrillic = http.post("/api/v1/members", null, Map.of("handle", Members.unique("cyr"),
                "email", handle.replaceFirst("o", "\u043e") + "@example.test", "password", "correct horse " + handle, "displayName", "Cyr"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(cyrillic.status()).isEqualTo(400);
        assertThat(cyrillic.json().path("field").asString()).isEqualTo("email");
    }

    @Test
    void endingASessionRevokesItsTokensAndOnlyItsOwn() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "sess");
        String laptop = Members.signIn(baseUrl(), member.handle(), member.password(), Members.MEMBER_SCOPES).path("access_token").asString();

        List<JsonNode> all = items(http.get("/api/v1/account/sessions", member.accessToken()));
        // Two app sessions (the tokens), and the two browsers that signed in to get them.
        List<JsonNode> sessions = all.stream().filter(s -> !s.path("grantType").asString().equals("browser")).toList();
        assertThat(sessions).hasSize(2);
        assertThat(all).hasSize(4);
        JsonNode other = sessions.stream().filter(s -> !s.path("current").asBoolean()).findFirst().orElseThrow();

        assertThat(http.delete("/api/v1/account/sessions/" + other.path("id").asString(), member.accessToken()).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/profile", laptop).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        Member stranger = Members.create(baseUrl(), "sess");
        assertThat(http.delete("/api/v1/account/sessions/" + sessions.get(0).path("id").asString(), stranger.accessToken()).status())
                .isEqualTo(404);
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

        Http browser = signedInBrowser(member);
        assertThat(items(http.get("/api/v1/account/sessions", member.accessToken())))
                .anySatisfy(s -> assertThat(s.path("grantType").asString()).isEqualTo("browser"));

        assertThat(http.post("/api/v1/account/password", member.accessToken(),
                Map.of("currentPassword", member.password(), "newPassword", "a brand new passphrase")).status()).isEqualTo(204);

        // A signed-in browser (a stolen cookie, say) no longer gets codes: it must sign in again.
        assertThat(browser.get(AUTHORIZE, null).header("Location")).doesNotContain("code=").contains("/login");
        assertThat(items(http.get("/api/v1/account/sessions", member.accessToken())))
                .noneSatisfy(s -> assertThat(s.path("grantType").asString()).isEqualTo("browser"));

        assertThat(http.get("/api/v1/profile", phone).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).isEqualTo(200);
        assertThat(Members.signIn(baseUrl(), member.handle(), "a brand new passphrase", "profile:read").has("access_token")).isTrue();
        assertThat(http.get("/api/v1/activity?action=account.password_change", member.accessToken()).json().path("items").size()).isEqualTo(1);
    }

    /** Issue 18: "sign out everywhere" ends every session but the caller's; sessions say what and where in words. */
    @Test
    void signOutEverywhereEndsEveryOtherSessionAndSessionsAreDescribedInWords() {
        Http http = new Http(baseUrl());
        Member member = Members.create(baseUrl(), "everywhere");
        String phone = Members.signIn(baseUrl(), member.handle(), member.password(), Members.MEMBER_SCOPES).path("access_token").asString();
        Http browser = signedInBrowser(member);

        List<JsonNode> sessions = items(http.get("/api/v1/account/sessions", member.accessToken()));
        assertThat(sessions).filteredOn(s -> s.path("grantType").asString().equals("browser"))
                .allSatisfy(s -> {
                    assertThat(s.path("description").asString()).isEqualTo("Signed in on the web");
                    assertThat(s.path("device").asString()).isEqualTo("A Java program");
                    assertThat(s.path("address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
                    assertThat(s.path("lastUsed").asString()).isNotBlank();
                });
        assertThat(sessions).filteredOn(s -> !s.path("grantType").asString().equals("browser"))
                .allSatisfy(s -> assertThat(s.path("description").asString()).isEqualTo("The command line"));

        Http.Response ended = http.delete("/api/v1/account/sessions", member.accessToken());
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().path("ended").asInt()).isGreaterThanOrEqualTo(3);

        assertThat(http.get("/api/v1/profile", phone).status()).as("the other sign-in's token").isEqualTo(401);
        assertThat(browser.get(AUTHORIZE, null).header("Location")).as("the browser").doesNotContain("code=");
        assertThat(http.get("/api/v1/profile", member.accessToken()).status()).as("the caller's own").isEqualTo(200);
        assertThat(items(http.get("/api/v1/account/sessions", member.accessToken()))).hasSize(1);
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

    private static final String AUTHORIZE = "/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code",
            "client_id", Members.CLI, "redirect_uri", "http://127.0.0.1:45678/callback", "scope", "profile:read", "state", "s",
            "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256"));

    /** A browser signed in on the sign-in form, shown to get codes from the authorization endpoint. */
    private Http signedInBrowser(Member member) {
        Http browser = new Http(baseUrl());
        Map<String, String> form = Members.hidden(browser.get("/login", null).body());
        form.put("username", member.handle());
        form.put("password", member.password());
        assertThat(browser.form("/login", form).status()).isEqualTo(302);
        assertThat(browser.get(AUTHORIZE, null).header("Location")).contains("code=");
        return browser;
    }
}
