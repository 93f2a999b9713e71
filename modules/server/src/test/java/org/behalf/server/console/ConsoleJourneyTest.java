package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The main journeys of the console in a real headless Chromium (issue 7): the holder signs up and
 * grants, the assistant accepts and edits the holder's profile in acting mode, is refused a search
 * the grant does not allow, the holder sees both in the activity log and revokes, and the
 * assistant's next action is refused and recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleJourneyTest extends ServerTest {

    private Browser holderBrowser;
    private Browser assistantBrowser;

    @BeforeAll
    void browsers() {
        // 127.0.0.1, not localhost: OAuth 2.1 redirect URIs are loopback addresses (RFC 8252 section 8.3).
        holderBrowser = new Browser("http://127.0.0.1:" + port);
        assistantBrowser = new Browser("http://127.0.0.1:" + port);
    }

    @AfterAll
    void close() {
        holderBrowser.close();
        assistantBrowser.close();
    }

    @Test
    void holderGrantsAssistantActsHolderSeesAndRevokesAssistantIsRefused() {
        Members.Member assistant = Members.create(baseUrl(), "assist");
        String holderHandle = Members.unique("holder");
        String holderPassword = "correct horse " + holderHandle;

        // The holder creates an account on the sign-up page and signs in on the authorization server's form.
        Browser holder = holderBrowser.open("/console/signup");
        holder.screenshot("signup");
        holder.type("#handle", holderHandle).type("#displayName", "Hana " + holderHandle)
                .type("#email", holderHandle + "@example.test").type("#password", holderPassword).press("Create account");
        assertThat(holder.text()).contains("Your account is ready");
        holder.screenshot("sign-in");
        holder.type("input[name=username]", holderHandle).type("input[name=password]", holderPassword).press("Sign in");
        assertThat(holder.path()).isEqualTo("/console");
        assertThat(holder.text()).contains("Welcome, Hana " + holderHandle);
        holder.screenshot("home");

        // The grant form: never-delegable permissions are there but greyed, with the reason.
        holder.open("/console/helpers/new");
        assertThat(holder.find("#scope-network\\:search").isEnabled()).isFalse();
        assertThat(holder.find("#scope-delegation\\:manage").isEnabled()).isFalse();
        assertThat(holder.text()).contains("Never given to a person");
        holder.type("#delegate", assistant.handle()).click("#scope-profile\\:read").click("#scope-profile\\:write")
                .type("#note", "Keep my headline current").type("#terms", "Only what we agreed by e-mail.");
        holder.screenshot("grant-form");
        holder.submit("#create-grant");
        assertThat(holder.path()).isEqualTo("/console/helpers");
        assertThat(holder.find("#grants").getText()).contains(assistant.handle()).contains("pending");

        // The assistant sees the offer with its terms, accepts, and works as the holder.
        Browser helper = assistantBrowser.signIn(assistant.handle(), assistant.password());
        assertThat(helper.path()).isEqualTo("/console");
        helper.open("/console/clients");
        assertThat(helper.text()).contains("Hana " + holderHandle).contains("Only what we agreed by e-mail.");
        helper.screenshot("clients");
        helper.submit("button.accept");
        assertThat(helper.text()).contains("Accepted");
        helper.submit("button.act");
        assertThat(helper.find("#acting-banner").getText()).contains("Working as Hana " + holderHandle)
                .contains("profile:write");
        helper.open("/console/profile");
        assertThat(helper.find("#acting-banner").isDisplayed()).isTrue();
        helper.type("#headline", "Engineer, now with help").submit("#save-profile");
        assertThat(helper.find("#notice").getText()).isEqualTo("Profile saved.");
        helper.screenshot("acting-profile");

        // A search is never done for someone else: the page says so without asking the API, so
        // viewing it writes no refusal into the holder's log (issue 18 item 10).
        helper.open("/console/network?q=anyone");
        assertThat(helper.find("#search-refused").getText()).isNotBlank();

        // The holder's own profile shows the delegate's edit; the activity log shows both, verified.
        Http api = new Http(baseUrl());
        String holderToken = Members.signIn(baseUrl(), holderHandle, holderPassword, "profile:read activity:read")
                .path("access_token").asString();
        assertThat(api.get("/api/v1/profile", holderToken).json().path("headline").asString()).isEqualTo("Engineer, now with help");
        api.post("/api/v1/activity/checkpoints", holderToken, null);
        holder.open("/console/activity");
        String update = holder.find("#entries tr[data-action='profile.update'][data-outcome='success']").getText();
        assertThat(update).contains("Test " + assistant.handle() + " changed your headline").contains("@" + assistant.handle())
                .contains("Engineer, now with help");
        assertThat(holder.has("#entries tr[data-outcome='denied']")).isFalse();
        assertThat(holder.find("#badge").getAttribute("class")).contains("verified");
        assertThat(holder.find("#badge").getText()).startsWith("Chain verified");
        holder.screenshot("activity");

        // The holder revokes; the assistant's very next action is refused, and that is recorded too.
        holder.open("/console/helpers");
        holder.screenshot("helpers");
        holder.press("Revoke");
        assertThat(holder.find("#grants").getText()).contains("revoked");
        helper.open("/console/profile");
        boolean refusedOnOpen = helper.has("#error");
        if (!refusedOnOpen) {
            helper.type("#headline", "One more edit").submit("#save-profile");
        }
        assertThat(helper.find("#error").getText()).isNotBlank();
        helper.screenshot("refused");
        assertThat(api.get("/api/v1/profile", holderToken).json().path("headline").asString()).isEqualTo("Engineer, now with help");
        JsonNode denied = api.get("/api/v1/activity?outcome=denied&actor=" + assistant.id(), holderToken).json().path("items");
        assertThat(denied.valueStream().map(e -> e.path("action").asString()).toList())
                .doesNotContain("network.search").containsAnyOf("profile.read", "profile.update");

        // Stop acting, then sign out: the console's tokens are revoked with the session.
        helper.press("Stop acting");
        assertThat(helper.has("#acting-banner")).isFalse();
        helper.submit("#sign-out");
        assertThat(helper.path()).isEqualTo("/login");
        helper.open("/console/profile");
        assertThat(helper.path()).isEqualTo("/login");
    }

    @Test
    void aChangeUnderReviewWaitsForTheHoldersApprovalInTheConsole() {
        Members.Member holderMember = Members.create(baseUrl(), "review");
        Members.Member assistant = Members.create(baseUrl(), "helper");
        try (Browser holder = new Browser("http://127.0.0.1:" + port); Browser helper = new Browser("http://127.0.0.1:" + port)) {
            holder.signIn(holderMember.handle(), holderMember.password()).open("/console/helpers/new");
            holder.type("#delegate", assistant.handle()).click("#scope-profile\\:read").click("#scope-profile\\:write")
                    .click("input[name=review][value='profile:write']").submit("#create-grant");

            helper.signIn(assistant.handle(), assistant.password()).open("/console/clients");
            helper.submit("button.accept").submit("button.act").open("/console/profile");
            helper.type("#headline", "Needs a yes first").submit("#save-profile");
            assertThat(helper.find("#notice").getText()).contains("review");

            Http api = new Http(baseUrl());
            assertThat(api.get("/api/v1/profile", holderMember.accessToken()).json().path("headline").asString())
                    .isNotEqualTo("Needs a yes first");
            holder.open("/console/helpers");
            assertThat(holder.find("#approvals").getText()).contains("Needs a yes first").contains("Headline");
            holder.screenshot("approvals");
            holder.submit("button.approve");
            assertThat(holder.find("#notice").getText()).isEqualTo("Approved and done.");
            assertThat(api.get("/api/v1/profile", holderMember.accessToken()).json().path("headline").asString())
                    .isEqualTo("Needs a yes first");
        }
    }

    @Test
    void aMemberTurnsOnTwoStepSignInInTheConsoleAndThenNeedsTheCode() {
        Members.Member member = Members.create(baseUrl(), "twostepui");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(member.handle(), member.password()).open("/console/account");
            browser.submit("#start-two-step");
            String secret = browser.find("#totp-secret").getText();
            // A mistyped first code: the key the app already holds stays the one on the page.
            java.util.Set<String> good = java.util.Set.of(org.behalf.testing.OneTimeCodes.now(secret, -1),
                    org.behalf.testing.OneTimeCodes.now(secret, 0), org.behalf.testing.OneTimeCodes.now(secret, 1));
            String wrong = java.util.stream.Stream.of("000000", "111111", "222222", "333333").filter(c -> !good.contains(c))
                    .findFirst().orElseThrow();
            browser.type("#confirm-code", wrong).submit("#confirm-two-step");
            assertThat(browser.has("#error")).isTrue();
            assertThat(browser.has("#two-step-on")).isFalse();
            assertThat(browser.find("#totp-secret").getText()).as("the same key after a wrong code").isEqualTo(secret);
            browser.type("#confirm-code", org.behalf.testing.OneTimeCodes.now(secret, 0)).submit("#confirm-two-step");
            assertThat(browser.find("#notice").getText()).isEqualTo("Two-step sign-in is on.");
            assertThat(browser.has("#two-step-on")).isTrue();
            browser.screenshot("account");
            browser.submit("#sign-out");

            browser.signIn(member.handle(), member.password());
            assertThat(browser.path()).as("the password alone").isEqualTo("/login");
            assertThat(browser.text()).contains("did not work");
            browser.type("input[name=username]", member.handle()).type("input[name=password]", member.password())
                    .type("input[name=code]", org.behalf.testing.OneTimeCodes.now(secret, 1)).press("Sign in");
            assertThat(browser.path()).isEqualTo("/console");
        }
    }

    @Test
    void aNewPasswordSignsThisBrowserOutAndOnlyTheNewOneSignsIn() {
        Members.Member member = Members.create(baseUrl(), "newpass");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(member.handle(), member.password()).open("/console/account");
            browser.type("#currentPassword", member.password()).type("#newPassword", "a fresh long passphrase").submit("#change-password");
            assertThat(browser.path()).isEqualTo("/login");

            browser.open("/console/account");
            assertThat(browser.path()).as("this browser's session ended too").isEqualTo("/login");
            browser.signIn(member.handle(), member.password());
            assertThat(browser.path()).as("the old password").isEqualTo("/login");
            browser.signIn(member.handle(), "a fresh long passphrase");
            assertThat(browser.path()).isEqualTo("/console");
        }
    }

    @Test
    void integratorRegistersAnAppSeesTheSecretOnceAndRotatesIt() {
        Members.Member integrator = Members.create(baseUrl(), "integr");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(integrator.handle(), integrator.password()).open("/console/apps");
            browser.type("#name", "Resume sync").type("#redirectUris", "https://app.example/callback");
            browser.click("input[name=grantType][value=authorization_code]").click("input[name=scope][value='profile:read']");
            browser.submit("#register-app");
            String secret = browser.find("#secret").getText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
            assertThat(browser.find("#apps").getText()).contains("Resume sync").contains("https://app.example/callback");
            browser.screenshot("apps");
            browser.open("/console/apps");
            assertThat(browser.has("#secret")).as("the secret is shown once").isFalse();
            browser.press("New secret");
            assertThat(browser.find("#secret").getText()).isNotEqualTo(secret);
            // Never-for-apps scopes are not offered.
            assertThat(browser.has("input[name=scope][value='delegation:manage']")).isFalse();
        }
    }

    @Test
    void pagesRefuseFramingAndStateChangesWithoutTheCsrfToken() {
        Members.Member member = Members.create(baseUrl(), "csrf");
        Http http = new Http("http://127.0.0.1:" + port);
        for (String page : List.of("/login", "/console/signup")) {
            assertThat(http.get(page, null).header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(member.handle(), member.password());
            browser.open("/console/helpers/new");
            assertThat(browser.source()).contains("name=\"_csrf\"");
        }
        // A cross-site form post carries the session cookie but not the token: refused, nothing changes.
        Http api = new Http(baseUrl());
        Http.Response created = api.post("/api/v1/delegations", member.accessToken(),
                Map.of("delegate", Members.unique("nobody") + "@example.test", "scopes", List.of("profile:read")));
        assertThat(created.status()).isEqualTo(201);
        Map<String, String> login = Members.hidden(http.get("/login", null).body());
        login.put("username", member.handle());
        login.put("password", member.password());
        assertThat(http.form("/login", login).status()).isEqualTo(302);
        assertThat(http.get("/console/helpers", null).status()).as("signed in: a page, or the console sign-in").isIn(200, 302);
        Http.Response forged = http.form("/console/helpers/revoke-all", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        String grant = created.json().path("id").asString();
        assertThat(api.get("/api/v1/delegations/" + grant, member.accessToken()).json().path("status").asString())
                .isEqualTo("pending");
    }

    @Test
    void signInReturnsOnlyToConsolePagesAndLocalhostMovesToLoopback() {
        Members.Member member = Members.create(baseUrl(), "redir");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(member.handle(), member.password());
            browser.open("/console/signin?next=https://evil.example/steal");
            assertThat(browser.url()).startsWith("http://127.0.0.1:" + port + "/console");
            browser.open("/console/signin?next=//evil.example/steal");
            assertThat(browser.url()).startsWith("http://127.0.0.1:" + port + "/console");
        }
        Http.Response moved = new Http(baseUrl()).get("/console/profile", null);
        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.header("Location")).isEqualTo("http://127.0.0.1:" + port + "/console/profile");
    }
}
