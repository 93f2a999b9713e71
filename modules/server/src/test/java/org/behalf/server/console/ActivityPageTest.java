package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Activity page's filters and its badge, in a real headless Chromium, as a holder meets them (black-box findings
 * ACTIVITY 3, 5, 7 and 8, 2026-12-07): an address the page cannot use is said in words next to what is wrong, as the
 * API refuses it, and a log changed in the database is told in the holder's words, naming the entry and what to do.
 * Here, not in a module: a console page calls the API with the holder's session, so it needs the whole application.
 */
class ActivityPageTest extends ServerTest {

    private static final String TWICE = "The page's address gives this filter twice: pick one and filter again.";

    @Autowired
    private JdbcTemplate jdbc;

    /** ACTIVITY 5 and 7: a filter given twice showed an empty log or "This is not a day"; a cursor past the end, the newest page. */
    @Test
    void aFilterGivenTwiceOrACursorNoPageGaveIsSaidInWordsAndListsNothing() {
        Members.Member holder = Members.create(baseUrl(), "twicef");
        try (Browser browser = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP)) {
            browser.signIn(holder.handle(), holder.password()).open("/console/activity");
            assertThat(browser.all("#entries tr[data-entry]")).as("the log has entries").isNotEmpty();

            browser.open("/console/activity?action=account.sign_in&action=profile.update&outcome=success");
            assertThat(browser.find("#action-error").getText()).isEqualTo(TWICE);
            assertThat(browser.find("#action").getAttribute("aria-describedby")).isEqualTo("action-error");
            assertThat(browser.find("#outcome").getAttribute("value")).as("the other filters kept").isEqualTo("success");
            assertThat(browser.all("#entries tr[data-entry]")).isEmpty();

            browser.open("/console/activity?from=2026-12-01&from=2026-12-02");
            assertThat(browser.find("#from-error").getText()).isEqualTo(TWICE);
            assertThat(browser.all("#entries tr[data-entry]")).isEmpty();

            for (String cursor : new String[] {"cursor=99999", "cursor=2&cursor=3"}) {
                browser.open("/console/activity?" + cursor);
                assertThat(browser.find("#cursor-error").getText()).as(cursor)
                        .startsWith("This address does not say where in your log to go on from");
                assertThat(browser.all("#entries tr[data-entry]")).as(cursor).isEmpty();
                String newest = browser.find("#cursor-error a").getAttribute("href");
                browser.open(newest.substring(newest.indexOf("/console/")));
                assertThat(browser.all("#entries tr[data-entry]")).isNotEmpty();
            }
        }
        Http api = new Http(baseUrl());
        assertThat(api.get("/api/v1/activity?action=a&action=b", holder.accessToken()).status()).as("the API refuses it too")
                .isEqualTo(400);
    }

    /** ACTIVITY 8: the badge said "Does not verify at seq 1: the content does not match its hash". */
    @Test
    void anEntryEditedInTheDatabaseIsToldInTheHoldersWordsWithWhatToDo() {
        Members.Member holder = Members.create(baseUrl(), "tamperd");
        jdbc.update("UPDATE audit_entry SET entry = REPLACE(entry, '\"reason\":null', '\"reason\":\"edited\"') WHERE account_id = ? AND seq = 1",
                holder.id());
        try (Browser browser = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP)) {
            browser.signIn(holder.handle(), holder.password()).open("/console/activity");

            assertThat(browser.find("#badge").getAttribute("class")).contains("broken");
            assertThat(browser.find("#badge").getText()).isEqualTo("Your activity log was tampered with: entry #1 is not as Behalf "
                    + "recorded it: it was altered, or an entry was removed or moved there, so the log cannot be trusted from #1 on.");
            assertThat(browser.find("#badge-advice").getText()).contains("Download the export and the latest signed checkpoint")
                    .contains("tell whoever runs Behalf");
            assertThat(browser.text()).doesNotContain("does not match its hash");
            browser.click("#badge-detail summary");
            assertThat(browser.find("#badge-detail code").getText()).isEqualTo("seq 1 (changed): the content does not match its hash");
        }
    }

    /** ACTIVITY 3: an entry filed under another action in the database moved between filtered views, and the badge said "verified". */
    @Test
    void anEntryFiledUnderAnotherActionInTheDatabaseIsNamedByTheBadge() {
        Members.Member holder = Members.create(baseUrl(), "misfil");
        String action = jdbc.queryForObject("SELECT action FROM audit_entry WHERE account_id = ? AND seq = 1", String.class, holder.id());
        jdbc.update("UPDATE audit_entry SET action = 'profile.update' WHERE account_id = ? AND seq = 1", holder.id());
        try (Browser browser = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP)) {
            browser.signIn(holder.handle(), holder.password()).open("/console/activity?action=profile.update");

            assertThat(browser.all("#entries tr[data-entry]")).as("not listed where it does not belong").isEmpty();
            assertThat(browser.find("#badge").getText()).isEqualTo("Your activity log was tampered with: entry #1 is intact, but it is "
                    + "filed under another person, action, outcome or time than it records, so filtering the log hides it or shows it "
                    + "where it does not belong.");
            browser.click("#badge-detail summary");
            assertThat(browser.find("#badge-detail code").getText()).isEqualTo("seq 1 (misfiled): the action stored beside the entry is "
                    + "\"profile.update\"; the entry's is \"" + action + "\"");
        }
    }
}
