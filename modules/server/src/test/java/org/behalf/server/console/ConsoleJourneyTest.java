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
 * The main journeys of the console in a real headless Chromium (issues 7 and 18), each at one of the
 * two widths people use (1366 px desktop, 390 px phone; the journeys alternate, and
 * {@link ConsoleWidthsTest} loads every page at both): every page they land on is checked by
 * {@link Browser} for sideways scrolling and for serious or critical axe-core violations.
 *
 * <p>The main journey: a newcomer signs up and fills a profile with a two-line summary, then grants
 * an assistant access with review, a daily quota, hours in a time zone and an IP range; the
 * assistant (on a phone) reads every limit before accepting, works as the holder, and is told that
 * a search is never done for someone else (without a refusal written into the holder's log); the
 * holder sees the edit in the activity log, opens the grant and
 * revokes it after a confirm step; the assistant's next action is refused and the banner says the
 * holder revoked the access; the clients page shows the grant as revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleJourneyTest extends ServerTest {

    private Browser holderBrowser;
    private Browser assistantBrowser;

    @BeforeAll
    void browsers() {
        // 127.0.0.1, not localhost: OAuth 2.1 redirect URIs are loopback addresses (RFC 8252 section 8.3).
        holderBrowser = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP);
        assistantBrowser = new Browser("http://127.0.0.1:" + port, Browser.PHONE);
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
        String hana = "Hana " + holderHandle;

        // The holder creates an account on the sign-up page and signs in on the authorization server's form.
        Browser holder = holderBrowser.open("/console/signup");
        holder.screenshot("signup");
        holder.type("#handle", holderHandle).type("#displayName", hana)
                .type("#email", holderHandle + "@example.test").type("#password", holderPassword).press("Create account");
        assertThat(holder.text()).contains("Your account is ready");
        holder.screenshot("sign-in");
        holder.type("input[name=username]", holderHandle).type("input[name=password]", holderPassword).press("Sign in");
        assertThat(holder.path()).isEqualTo("/console");
        assertThat(holder.text()).contains("Welcome, " + hana);
        holder.screenshot("home");

        // A two-line summary: the browser sends CRLF, the profile keeps both lines.
        holder.open("/console/profile");
        holder.type("#headline", "Engineer").type("#summary", "Builds bridges.\nAnd mends them.").submit("#save-profile");
        assertThat(holder.find("#notice").getText()).isEqualTo("Profile saved.");
        assertThat(holder.find("#summary").getAttribute("value")).isEqualTo("Builds bridges.\nAnd mends them.");
        holder.screenshot("profile");

        // The grant form: never-delegable permissions are there but greyed, with the reason.
        holder.open("/console/helpers/new");
        assertThat(holder.find("#scope-network\\:search").isEnabled()).isFalse();
        assertThat(holder.find("#scope-delegation\\:manage").isEnabled()).isFalse();
        assertThat(holder.text()).contains("Never given to a person");
        holder.type("#delegate", assistant.handle()).click("#scope-profile\\:read").click("#scope-profile\\:write")
                .click("#scope-invitations\\:send").click("input[name=review][value='invitations:send']")
                .type("input[name='quota:profile:write']", "20")
                .pick("#start", "00:00").pick("#end", "23:59").type("#timeZone", "Europe/Lisbon")
                .type("#ipRanges", "127.0.0.0/8")
                .type("#note", "Keep my headline current").type("#terms", "Only what we agreed by e-mail.\nNothing else.");
        holder.screenshot("grant-form");
        holder.submit("#create-grant");
        assertThat(holder.path()).isEqualTo("/console/helpers");
        assertThat(holder.find("#grants").getText()).contains(assistant.handle()).contains("pending");

        // The assistant reads every limit before accepting: review, quota, hours and zone, addresses, expiry, never.
        // The assistant's laptop is set to Tokyo: the console's times are on that clock, and say so.
        Browser helper = assistantBrowser.timeZone("Asia/Tokyo").signIn(assistant.handle(), assistant.password());
        assertThat(helper.path()).isEqualTo("/console");
        helper.open("/console/clients");
        String offer = helper.find("section[data-status=pending]").getText();
        assertThat(offer).contains(hana).contains("Only what we agreed by e-mail.")
                .contains("each change waits for the holder's review").contains("at most 20 a day")
                .contains("00:00–23:59 Europe/Lisbon time").contains("Only from 127.0.0.0/8").containsPattern("in 3[01] days")
                .containsPattern("Offered \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} Asia/Tokyo \\((just now|\\d+ minutes ago)\\)")
                .contains("(Europe/Lisbon)");
        helper.click("section[data-status=pending] details summary");
        assertThat(helper.find("section[data-status=pending] details").getText()).contains("Never allowed")
                .contains("Search members through your network");
        helper.screenshot("clients");
        helper.submit("button.accept");
        assertThat(helper.text()).contains("Accepted");

        // A form acts for the account it was drawn for: the assistant's own profile, drawn before another tab
        // pressed "Work as", is not saved into the holder's profile; what was typed is kept, and the page says why.
        helper.open("/console/profile");
        assertThat(helper.has("#acting-banner")).isFalse();
        assertThat(helper.sendInAnotherTab("/console/clients", "form:has(button.act)")).isEqualTo("200 /console");
        helper.type("#headline", "The assistant's own headline").submit("#save-profile");
        assertThat(helper.find("#error").getText()).contains("This page was for your own account, but this tab now works as "
                + hana).contains("nothing was done");
        assertThat(helper.find("#headline").getAttribute("value")).isEqualTo("The assistant's own headline");
        assertThat(helper.find("#acting-banner").getText()).contains("Working as " + hana);
        // The reverse: the holder's profile, drawn while acting, sent after another tab stopped acting.
        assertThat(helper.sendInAnotherTab("/console/network", "form:has(#stop-acting)")).isEqualTo("200 /console/clients");
        helper.type("#summary", "Meant for the holder").submit("#save-profile");
        assertThat(helper.find("#error").getText()).contains("This page was for " + hana
                + "'s account, but this tab now works on your own account");
        assertThat(helper.has("#acting-banner")).isFalse();
        Http api = new Http(baseUrl());
        JsonNode holderNow = api.get("/api/v1/profile", Members.signIn(baseUrl(), holderHandle, holderPassword, "profile:read")
                .path("access_token").asString()).json();
        assertThat(holderNow.path("headline").asString()).isEqualTo("Engineer");
        assertThat(holderNow.path("summary").asString()).isEqualTo("Builds bridges.\nAnd mends them.");
        JsonNode assistantNow = api.get("/api/v1/profile", assistant.accessToken()).json();
        assertThat(assistantNow.path("headline").asString("")).isNotEqualTo("The assistant's own headline");
        assertThat(assistantNow.path("summary").asString("")).isEmpty();
        // The assistant's own grant form, sent after another tab pressed "Work as": it was theirs, so it is done, and said.
        Members.Member friend = Members.create(baseUrl(), "friend");
        helper.open("/console/helpers/new");
        helper.type("#delegate", friend.handle()).click("#scope-profile\\:read");
        assertThat(helper.sendInAnotherTab("/console/clients", "form:has(button.act)")).isEqualTo("200 /console");
        helper.submit("#create-grant");
        assertThat(helper.path()).isEqualTo("/console");
        assertThat(helper.find("#notice").getText()).startsWith("Invitation to help sent");
        assertThat(helper.find("#error").getText()).contains("You are working as " + hana);
        assertThat(helper.find("#acting-banner").getText()).contains("Working as " + hana).containsPattern("in 3[01] days");
        helper.click("#acting-limits summary");
        assertThat(helper.find("#acting-limits").getText()).contains("at most 20 a day").contains("Only from 127.0.0.0/8");
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
        String holderToken = Members.signIn(baseUrl(), holderHandle, holderPassword, "profile:read activity:read")
                .path("access_token").asString();
        JsonNode profile = api.get("/api/v1/profile", holderToken).json();
        assertThat(profile.path("headline").asString()).isEqualTo("Engineer, now with help");
        assertThat(profile.path("summary").asString()).isEqualTo("Builds bridges.\nAnd mends them.");
        api.post("/api/v1/activity/checkpoints", holderToken, null);
        holder.open("/console/activity");
        String update = holder.find("#entries tr[data-action='profile.update'][data-outcome='success']").getText();
        assertThat(update).contains("Test " + assistant.handle() + " changed your headline").contains("@" + assistant.handle())
                .contains("Engineer, now with help");
        assertThat(holder.has("#entries tr[data-outcome='denied']")).isFalse();
        // The holder's own security actions are told in words too, never by their action codes.
        assertThat(holder.find("#entries tr[data-action='account.sign_in']").getText()).contains("You signed in.");
        assertThat(holder.find("#entries").getText()).doesNotContain("account.sign_in", "delegation.create");
        assertThat(holder.find("#badge").getAttribute("class")).contains("verified");
        assertThat(holder.find("#badge").getText()).startsWith("Chain verified");
        holder.screenshot("activity");

        // The holder opens the grant: every limit, and the way to change or revoke it, after a confirm step.
        holder.open("/console/helpers");
        holder.screenshot("helpers");
        // "Revoke all access" leaves apps alone, and says where they are: Account, Apps you allowed, not "Your apps".
        holder.submit("#revoke-all");
        assertThat(holder.find("#confirm").getText()).contains("you remove it under Account, Apps you allowed.")
                .doesNotContain("on Apps.");
        holder.open("/console/helpers");
        holder.submit("#grants a.button");
        assertThat(holder.find("#limits").getText()).contains("at most 20 a day").contains("Europe/Lisbon")
                .contains("Only from 127.0.0.0/8").containsPattern("in 3[01] days");
        holder.screenshot("grant");
        // A shorter end, chosen as a date; the log says what changed in words, never the API's field name.
        String sooner = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Lisbon")).plusDays(10).toString();
        holder.pick("#expiresOn", sooner).submit("#save-grant");
        assertThat(holder.find("#notice").getText()).startsWith("Access changed");
        // Ten days on at 23:59 there: between 10 and 11 days away, in words rounded to the nearest day
        // ("in 11 days" in the morning, "in 10 days" after noon).
        assertThat(holder.find("#limits").getText()).containsPattern("in (10|11) days");
        holder.open("/console/activity");
        String changed = holder.find("#entries tr[data-action='delegation.update']").getText();
        assertThat(changed).contains("You changed the access of Test " + assistant.handle() + " (@" + assistant.handle() + ").").contains("Ends").contains(sooner)
                .doesNotContain("expiresAt").doesNotContain("ExpiresAt").doesNotContain("T23:59");
        assertThat(holder.find("#entries tr[data-action='delegation.create']").getText()).contains("Permissions")
                .contains("Read your full profile").doesNotContain("profile:read").doesNotContain("Scopes");
        holder.open("/console/helpers").submit("#grants a.button");
        holder.submit("#revoke-grant");
        assertThat(holder.find("h1").getText()).startsWith("Revoke ").endsWith("'s access?");
        assertThat(holder.find("#confirm").getText()).contains("can no longer act for you");
        holder.screenshot("confirm-revoke");
        holder.submit("#confirm-yes");
        assertThat(holder.find("#notice").getText()).startsWith("Access revoked");
        assertThat(holder.find("#grants").getText()).contains("revoked");

        // The assistant's next action is refused; the banner says why, and the clients page shows it.
        helper.open("/console/profile");
        boolean refusedOnOpen = helper.has("#error");
        if (!refusedOnOpen) {
            helper.type("#headline", "One more edit").submit("#save-profile");
        }
        assertThat(helper.find("#error").getText()).isNotBlank();
        assertThat(helper.find("#acting-ended").getText()).contains(hana + " revoked your access at");
        // The banner no longer says the grant runs until its end, nor lists what it allows.
        assertThat(helper.find("#acting-banner").getText()).contains("You can no longer work as " + hana).doesNotContain("until")
                .doesNotContain("Working as");
        assertThat(helper.has("#acting-limits")).isFalse();
        helper.screenshot("refused");
        assertThat(api.get("/api/v1/profile", holderToken).json().path("headline").asString()).isEqualTo("Engineer, now with help");
        JsonNode denied = api.get("/api/v1/activity?outcome=denied&actor=" + assistant.id(), holderToken).json().path("items");
        assertThat(denied.valueStream().map(e -> e.path("action").asString()).toList())
                .doesNotContain("network.search").containsAnyOf("profile.read", "profile.update");

        // Stop acting: the clients page shows the grant as revoked. Then sign out: the console's tokens go with the session.
        helper.press("Stop acting");
        assertThat(helper.has("#acting-banner")).isFalse();
        assertThat(helper.find("section[data-status=revoked]").getText()).contains(hana + " revoked your access on");

        // The record of the assistant's own work for Hana, in words and on the assistant's clock; nobody else's entries.
        helper.open(java.net.URI.create(helper.find("section[data-status=revoked] a.work").getAttribute("href")).getPath());
        assertThat(helper.find("h1").getText()).startsWith("Your work for " + hana);
        String work = helper.find("#entries").getText();
        assertThat(work).contains("You accepted " + hana + "'s offer of access.").contains("You changed " + hana + "'s headline.")
                .contains("Engineer, now with help").contains("and were refused").contains("Asia/Tokyo")
                .doesNotContain("You revoked").doesNotContain("You signed in").doesNotContain("your headline");
        assertThat(helper.has("#entries button.revert")).isFalse();
        helper.screenshot("client-work");
        // Someone the assistant never helped: nothing to show, said plainly; the reach is recorded in the assistant's own log.
        helper.open("/console/clients/" + Members.create(baseUrl(), "stranger").id() + "/work");
        assertThat(helper.find("#error").getText()).contains("you have never helped this person");
        helper.submit("#sign-out");
        assertThat(helper.path()).isEqualTo("/login");
        helper.open("/console/profile");
        assertThat(helper.path()).isEqualTo("/login");
    }

    @Test
    void aChangeUnderReviewWaitsForTheHoldersApprovalInTheConsole() {
        Members.Member holderMember = Members.create(baseUrl(), "review");
        Members.Member assistant = Members.create(baseUrl(), "helper");
        // This journey the other way round: the holder on a phone, the helper at a desk.
        try (Browser holder = new Browser("http://127.0.0.1:" + port, Browser.PHONE);
             Browser helper = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP)) {
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
            // The words next to the code, tied to it (black-box testing, 2026-12-07: only in the banner on top).
            assertThat(browser.find("#confirm-code-error").getText()).contains("not the current one");
            assertThat(browser.find("#confirm-code").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#confirm-code").getAttribute("aria-describedby")).isEqualTo("confirm-code-error");
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
            // A wrong current password, then a new one too short: refused forms (400), the words next to the field at fault
            // and tied to it (black-box testing, 2026-12-07: answered 200 with the words only in the banner on top).
            browser.type("#currentPassword", "wrong-password-x").type("#newPassword", "a fresh long passphrase");
            assertThat(browser.sendAtOnce("form:has(#change-password)", java.util.Collections.singletonList(null)))
                    .containsExactly("400 /console/account/password");
            browser.submit("#change-password");
            assertThat(browser.find("#currentPassword-error").getText()).isEqualTo("The current password is not right.");
            assertThat(browser.find("#currentPassword").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#currentPassword").getAttribute("aria-describedby")).isEqualTo("currentPassword-error");
            browser.type("#currentPassword", member.password()).type("#newPassword", "short").submit("#change-password");
            assertThat(browser.find("#newPassword-error").getText()).contains("10 to 128 characters");
            assertThat(browser.find("#newPassword").getAttribute("aria-describedby")).isEqualTo("newPassword-error");
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
        try (Browser browser = new Browser("http://127.0.0.1:" + port, Browser.PHONE)) {
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
            // A new secret only after a confirm step that says what happens to the old one.
            browser.submit("button.new-secret");
            assertThat(browser.find("#confirm").getText()).contains("keeps working for 24 hours");
            browser.screenshot("confirm-new-secret");
            browser.submit("#confirm-yes");
            assertThat(browser.find("#secret").getText()).isNotEqualTo(secret);
            assertThat(browser.find("#notice").getText()).contains("the old one keeps working until").contains("in 24 hours");
            // Deleting asks first too; "No, keep it" keeps it.
            browser.submit("button.delete-app");
            assertThat(browser.find("h1").getText()).isEqualTo("Delete Resume sync?");
            browser.submit("#confirm-no");
            assertThat(browser.find("#apps").getText()).contains("Resume sync");
            // Never-for-apps scopes are not offered.
            assertThat(browser.has("input[name=scope][value='delegation:manage']")).isFalse();
        }
    }

    /**
     * The sign-in and consent pages work under the console's policy (docs/console.md; black-box
     * finding, 2026-12-07: they sent only frame-ancestors): their script runs, an app is allowed.
     * A refused sign-in keeps the name typed, never the password (black-box finding, 2026-12-07:
     * every field came back empty, so a wrong code meant typing the handle again).
     */
    @Test
    void signInAndConsentWorkUnderThePolicyAndARefusedSignInKeepsTheName() {
        Members.Member integrator = Members.create(baseUrl(), "cspapp");
        Members.Member member = Members.create(baseUrl(), "cspm");
        String redirect = "http://127.0.0.1:" + port + "/app-came-back";
        JsonNode app = new Http(baseUrl()).post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Policy Check",
                "redirectUris", List.of(redirect), "scopes", List.of("profile:read"))).json();
        try (Browser browser = new Browser("http://127.0.0.1:" + port, Browser.PHONE)) {
            browser.open("/oauth2/authorize?" + Http.encode(Members.ordered("response_type", "code", "client_id",
                    app.path("clientId").asString(), "redirect_uri", redirect, "scope", "profile:read", "state", "st",
                    "code_challenge", Members.challenge("v".repeat(50)), "code_challenge_method", "S256")));
            browser.type("input[name=username]", member.handle()).type("input[name=password]", "not the password").press("Sign in");
            assertThat(browser.text()).contains("That handle or e-mail, password or code did not work.");
            assertThat(browser.find("input[name=username]").getAttribute("value")).isEqualTo(member.handle());
            assertThat(browser.find("input[name=password]").getAttribute("value")).isEmpty();
            assertThat(browser.cookie("tz")).as("zone.js ran under the policy").isNotBlank();

            browser.type("input[name=password]", member.password()).press("Sign in");
            assertThat(browser.path()).isEqualTo("/oauth2/consent");
            assertThat(browser.text()).contains("Policy Check");
            browser.press("Allow");
            assertThat(browser.url()).startsWith(redirect + "?code=");
            browser.open("/login");
            assertThat(browser.find("input[name=username]").getAttribute("value")).as("kept for the refused answer only").isEmpty();
        }
    }

    @Test
    void pagesRefuseFramingAndStateChangesWithoutTheCsrfToken() {
        Members.Member member = Members.create(baseUrl(), "csrf");
        Http http = new Http("http://127.0.0.1:" + port);
        for (String page : List.of("/login", "/console/signup")) {
            assertThat(http.get(page, null).header("Content-Security-Policy"))
                    .isEqualTo("default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
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
        Map<String, String> login = Members.signInForm(http);
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
            // Dot segments, plain or %-encoded, would leave /console (or broke the redirect): home instead (black-box finding).
            for (String dotted : List.of("/console/../../evil", "/console/%2e%2e/x", "/console/.%2E/x")) {
                browser.open("/console/signin?next=" + java.net.URLEncoder.encode(dotted, java.nio.charset.StandardCharsets.UTF_8));
                assertThat(browser.url()).as(dotted).startsWith("http://127.0.0.1:" + port + "/console").doesNotContain("evil", "callback");
            }
        }
        Http.Response moved = new Http(baseUrl()).get("/console/profile", null);
        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.header("Location")).isEqualTo("http://127.0.0.1:" + port + "/console/profile");
    }

    @Test
    void twoGrantsFromOneHolderAreToldApartAndARefusalStatesTheLimitItMet() {
        Members.Member holderMember = Members.create(baseUrl(), "twice");
        Members.Member assistant = Members.create(baseUrl(), "twiceh");
        Http api = new Http(baseUrl());
        // A zone where it is now between 12:00 and 13:00 (11:00 and 12:00 while that zone would be UTC itself, which the
        // page names "UTC"), so that hours of 15:00-16:00 there are surely not now.
        int hour = java.time.LocalTime.now(java.time.ZoneOffset.UTC).getHour();
        int offset = hour == 12 ? -1 : 12 - hour;
        // An IANA name, as a grant's zone must be: Etc/GMT-5 is UTC+5 (the database's signs are POSIX's).
        String zone = String.format("Etc/GMT%s%d", offset > 0 ? "-" : "+", Math.abs(offset));
        String later = api.post("/api/v1/delegations", holderMember.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", List.of("profile:read", "profile:write"), "note", "Keep my headline current", "timeZone", zone,
                "window", Map.of("days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "start", "15:00", "end", "16:00")))
                .json().path("id").asString();
        String other = api.post("/api/v1/delegations", holderMember.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", List.of("invitations:read", "profile:read"), "note", "Answer my invitations")).json().path("id").asString();
        // A long note: its first words and the day tell the grant apart (black-box finding 10: a 990-character note
        // was the heading and every button's label).
        String longNote = "Answer my invitations; then tidy my contacts" + " and the rest".repeat(70);
        String third = api.post("/api/v1/delegations", holderMember.accessToken(), Map.of("delegate", assistant.handle(),
                "scopes", List.of("invitations:read"), "note", longNote)).json().path("id").asString();
        String name = "Test " + holderMember.handle();
        try (Browser helper = new Browser("http://127.0.0.1:" + port, Browser.PHONE)) {
            helper.signIn(assistant.handle(), assistant.password()).open("/console/clients");
            assertThat(helper.find("section[data-grant='" + later + "'] h2").getText()).contains("\u201cKeep my headline current\u201d");
            assertThat(helper.find("section[data-grant='" + other + "'] h2").getText()).contains("\u201cAnswer my invitations\u201d");
            String shortened = "Accept " + name + "'s offer (\u201cAnswer my invitations; then tidy my\u2026\u201d, offered ";
            assertThat(helper.all("button.accept")).extracting(button -> button.getAttribute("aria-label")).containsExactlyInAnyOrder(
                    "Accept " + name + "'s offer (\u201cKeep my headline current\u201d)",
                    "Accept " + name + "'s offer (\u201cAnswer my invitations\u201d)",
                    helper.find("section[data-grant='" + third + "'] button.accept").getAttribute("aria-label"));
            assertThat(helper.find("section[data-grant='" + third + "'] button.accept").getAttribute("aria-label"))
                    .startsWith(shortened).hasSizeLessThan(shortened.length() + 40);
            assertThat(helper.find("section[data-grant='" + third + "'] h2").getText()).hasSizeLessThan(200);
            assertThat(helper.find("section[data-grant='" + third + "']").getText()).contains(longNote);
            helper.screenshot("clients-two-grants");

            // Outside the grant's hours, the refusal says which hours, in which zone.
            helper.submit("section[data-grant='" + later + "'] button.accept").submit("section[data-grant='" + later + "'] button.act");
            helper.open("/console/profile");
            assertThat(helper.find("#error").getText()).contains("Outside the hours the grant allows: every day, 15:00\u201316:00, "
                    + zone + " time");

            // A grant that may read the profile but not change it: the profile is shown, with no form and no Save, and the
            // page says so in words; the network page says in place of its invite form that sending is not included.
            helper.press("Stop acting");
            helper.submit("section[data-grant='" + other + "'] button.accept").submit("section[data-grant='" + other + "'] button.act");
            helper.open("/console/profile");
            assertThat(helper.find("#profile-not-writable").getText()).isEqualTo(name
                    + "'s access for you lets you read this profile, not change it.");
            assertThat(helper.has("#profile-read-only")).isTrue();
            assertThat(helper.has("#save-profile")).isFalse();
            assertThat(helper.has("#headline")).isFalse();
            helper.open("/console/network");
            assertThat(helper.find("#invite-not-allowed").getText()).isEqualTo(name
                    + "'s access for you does not include sending invitations.");
            assertThat(helper.has("#to")).isFalse();
        }
    }
}
