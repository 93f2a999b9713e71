package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Review that is safe and readable, in a real headless Chromium (issue 18 items 1, 10 and "undo"):
 * a helper saves two held changes in acting mode, the holder sees who and a plain before/after,
 * approves both and keeps both, reverts one from the activity page, and the log reads as a story.
 */
class ReviewJourneyTest extends ServerTest {

    @Test
    void twoHeldChangesAreBothKeptAndOneIsRevertedFromTheActivityPage() {
        Members.Member holderMember = Members.create(baseUrl(), "rita");
        Members.Member assistant = Members.create(baseUrl(), "amir");
        Http api = new Http(baseUrl());
        assertThat(api.patch("/api/v1/profile", holderMember.accessToken(), java.util.Map.of("headline", "Engineer",
                "location", "Porto", "summary", "Builds things.", "skills", java.util.List.of("Java"))).status()).isEqualTo(200);
        // The holder at a desk, the helper on a phone: each page of the journey is checked at the width it is met.
        try (Browser holder = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP);
             Browser helper = new Browser("http://127.0.0.1:" + port, Browser.PHONE)) {
            holder.signIn(holderMember.handle(), holderMember.password()).open("/console/helpers/new");
            holder.type("#delegate", assistant.handle()).click("#scope-profile\\:read").click("#scope-profile\\:write")
                    .click("input[name=review][value='profile:write']").click("#scope-contacts\\:write")
                    .click("input[name=review][value='contacts:write']").submit("#create-grant");

            helper.signIn(assistant.handle(), assistant.password()).open("/console/clients");
            helper.submit("button.accept").submit("button.act").open("/console/profile");
            helper.type("#headline", "Staff engineer").type("#location", "Lisbon").submit("#save-profile");
            assertThat(helper.find("#notice").getText()).contains("review");
            helper.type("#summary", "Builds teams and things.").type("#skills", "Java, Leadership").submit("#save-profile");
            assertThat(helper.find("#notice").getText()).contains("review");
            // Back after a held save draws the form as the profile is, not filled in by the browser with what was sent,
            // which Save would have sent for review a second time (the form is autocomplete="off").
            helper.back();
            assertThat(helper.find("#summary").getAttribute("value")).isEqualTo("Builds things.");
            assertThat(helper.find("#skills").getAttribute("value")).isEqualTo("Java");

            // Viewing the acting pages asks only what the grant allows: no refusal lands in the holder's log.
            helper.open("/console/network");
            assertThat(helper.text()).contains("Your access does not include their invitations");
            helper.open("/console");

            // The holder reads who proposed what, field by field, in plain words.
            holder.open("/console/helpers");
            String review = holder.find("#approvals").getText();
            assertThat(review).contains("Test " + assistant.handle()).contains("@" + assistant.handle())
                    .contains("Headline").contains("Engineer").contains("Staff engineer").contains("Location").contains("Lisbon")
                    .contains("Skills").contains("Java, Leadership").doesNotContain("\"headline\"").doesNotContain("{");
            holder.screenshot("review-approvals");
            holder.submit("#approvals button.approve");
            assertThat(holder.find("#notice").getText()).isEqualTo("Approved and done.");
            holder.submit("#approvals button.approve");
            assertThat(holder.find("#notice").getText()).isEqualTo("Approved and done.");
            JsonNode profile = api.get("/api/v1/profile", holderMember.accessToken()).json();
            assertThat(profile.path("headline").asString()).isEqualTo("Staff engineer");
            assertThat(profile.path("location").asString()).isEqualTo("Lisbon");
            assertThat(profile.path("summary").asString()).isEqualTo("Builds teams and things.");
            assertThat(profile.path("skills").toString()).isEqualTo("[\"Java\",\"Leadership\"]");

            // The helper sees what became of their proposals.
            helper.press("Stop acting");
            assertThat(helper.find("#proposed").getText()).contains("Approved and done").contains("Staff engineer");
            // ... and their own record of the work, in words: their proposals, not the holder's approvals.
            helper.open(java.net.URI.create(helper.find("a.work").getAttribute("href")).getPath());
            String work = helper.find("#entries").getText();
            assertThat(work).contains("You proposed changing Test " + holderMember.handle() + "'s headline and location, for Test "
                    + holderMember.handle() + "'s review.").doesNotContain("approv").doesNotContain("your ");

            // The holder undoes the headline and location change from the activity page.
            holder.open("/console/activity");
            String story = holder.find("#entries").getText();
            assertThat(story).contains("Test " + assistant.handle() + " proposed changing your headline and location")
                    .contains("Test " + assistant.handle() + " proposed changing your summary and skills")
                    .contains("Your approval changed your headline and location.").doesNotContain("refused")
                    // Which change was approved, and its result in words, never the replayed request's HTTP status
                    // (black-box finding, 2026-12-07: "Result before (empty) after 200 Applied.").
                    .contains("You approved the proposed change to your headline and location.")
                    .contains("You approved the proposed change to your summary and skills.").doesNotContain("200 Applied");
            holder.screenshot("review-activity");
            holder.submit("#entries tr[data-action='profile.update'] button.revert");
            assertThat(holder.find("#notice").getText()).startsWith("Undone");
            profile = api.get("/api/v1/profile", holderMember.accessToken()).json();
            assertThat(profile.path("headline").asString() + " / " + profile.path("summary").asString())
                    .isIn("Engineer / Builds teams and things.", "Staff engineer / Builds things.");
            assertThat(holder.find("#entries").getText()).contains("You undid a change to your");

            // The person filter is a picker of names; the days are date inputs (both days included).
            new org.openqa.selenium.support.ui.Select(holder.find("#actor"))
                    .selectByVisibleText("Test " + assistant.handle() + " (@" + assistant.handle() + ")");
            holder.submit("form.grid button[type=submit]");
            assertThat(holder.all("#entries tr[data-entry]")).isNotEmpty().allSatisfy(row ->
                    assertThat(row.getText()).startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 4))
                            .contains("Test " + assistant.handle()));
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            holder.open("/console/activity?from=" + today + "&to=" + today);
            assertThat(holder.find("#from").getAttribute("type")).isEqualTo("date");
            assertThat(holder.all("#entries tr[data-entry]")).isNotEmpty();
            holder.open("/console/activity?to=2000-01-01");
            assertThat(holder.all("#entries tr[data-entry]")).isEmpty();
            // The last day the date field offers is the whole log; From after To is said next to To, the filter kept
            // (black-box finding, 2026-12-07: a bare 400 page naming "Member", and an empty log unexplained).
            holder.open("/console/activity?outcome=success&from=0001-01-01&to=9999-12-31");
            assertThat(holder.all("#entries tr[data-entry]")).isNotEmpty();
            holder.open("/console/activity?outcome=success&from=2026-12-08&to=2026-12-01");
            assertThat(holder.find("#to-error").getText()).startsWith("This day is before the From day");
            assertThat(holder.find("#to").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(holder.find("#to").getAttribute("aria-describedby")).isEqualTo("to-error");
            assertThat(holder.find("#from").getAttribute("value")).isEqualTo("2026-12-08");
            assertThat(holder.find("#outcome").getAttribute("value")).isEqualTo("success");
            assertThat(holder.text()).doesNotContain("ISO-8601").doesNotContain("Member:");

            // The log of the journey reads as a short story, and nothing in it was refused.
            JsonNode log = api.get("/api/v1/activity?limit=100", holderMember.accessToken()).json().path("items");
            assertThat(log.valueStream().map(e -> e.path("outcome").asString())).doesNotContain("denied", "error");
            holder.open("/console/activity");
            assertThat(holder.all("#entries tr[data-entry]")).hasSizeLessThanOrEqualTo(16);

            // A held change whose field the holder edited since is flagged, and approved only with the box ticked.
            helper.open("/console/clients").submit("button.act").open("/console/profile");
            // Sent twice (a double click on a slow link, a resend), it waits for review once (black-box finding 21).
            helper.type("#headline", "Head of engineering");
            assertThat(helper.sendAtOnce("main form[action$='/console/profile']", java.util.Arrays.asList(null, null)))
                    .containsExactly("200 /console/profile", "200 /console/profile");
            assertThat(api.get("/api/v1/approvals?status=pending", holderMember.accessToken()).json().path("items").size())
                    .as("one change to review").isEqualTo(1);
            assertThat(api.patch("/api/v1/profile", holderMember.accessToken(), java.util.Map.of("headline", "CTO")).status())
                    .isEqualTo(200);
            holder.open("/console/helpers");
            assertThat(holder.find("#approvals tr[data-state='conflict']").getText())
                    .contains("Changed since it was proposed: it is now CTO.");
            // "now" only for the value now (black-box finding 13: "now Engineer … it is now CTO" said two values were now).
            assertThat(holder.find("#approvals tr[data-state='conflict'] dd[data-field=headline]").getText())
                    .startsWith("was, when proposed, ").doesNotStartWith("now");
            holder.click("#approvals form.overwrite input[name=overwrite]").submit("#approvals form.overwrite button.approve");
            assertThat(holder.find("#notice").getText()).isEqualTo("Approved and done.");
            assertThat(api.get("/api/v1/profile", holderMember.accessToken()).json().path("headline").asString())
                    .isEqualTo("Head of engineering");

            // Held values as approving would store them: the line break kept, the right-to-left override shown by its
            // code in an isolated <bdi>, not turning "RTL" into "LTR"; field names in words ("location" is Location);
            // a held request other than a profile edit by what it does and its fields, never "contact.create {...}".
            String grant = api.get("/api/v1/delegations?role=holder", holderMember.accessToken()).json().path("items").get(0)
                    .path("id").asString();
            String acting = Delegations.delegationToken(api, grant, assistant);
            assertThat(api.patch("/api/v1/profile", acting, java.util.Map.of("summary", "Line1\nLine2 \u202eRTL",
                    "privateFields", java.util.List.of("location"))).status()).isEqualTo(202);
            assertThat(api.post("/api/v1/contacts", acting, java.util.Map.of("name", "Ada", "emails", java.util.List.of("a@x.example")))
                    .status()).isEqualTo(202);
            holder.open("/console/helpers");
            org.openqa.selenium.WebElement summary = holder.find("#approvals dd[data-field=summary] .after bdi");
            assertThat(summary.getText()).isEqualTo("Line1\nLine2 \u27e8U+202E\u27e9RTL");
            assertThat(summary.getCssValue("unicode-bidi")).isEqualTo("isolate");
            assertThat(holder.find("#approvals dd[data-field=privateFields] .after").getText()).isEqualTo("Location");
            // The lines follow the body as sent, whose field order the test's map does not fix.
            assertThat(holder.find("#approvals").getText()).containsAnyOf("Add a contact\nName: Ada\nEmails: a@x.example",
                    "Add a contact\nEmails: a@x.example\nName: Ada").doesNotContain("contact.create").doesNotContain("{");
            assertThat(holder.all("#approvals button.approve")).extracting(button -> button.getAttribute("aria-label"))
                    .contains("Approve Test " + assistant.handle() + "'s request to add a contact");
            holder.screenshot("review-typed-values");
            helper.press("Stop acting");
            String proposed = helper.find("#proposed").getText();
            assertThat(proposed).contains("Add a contact").contains("Emails: a@x.example").contains("Location")
                    .contains("Line2 \u27e8U+202E\u27e9RTL").doesNotContain("contact.create").doesNotContain("location");
            helper.screenshot("review-proposed");
        }
    }
}
