package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * What a screen reader says on the pages with a row of buttons per item (black-box finding, axe-core's
 * moderate and minor rules, which the check every page gets in {@link Browser} lets pass): two held
 * changes under review, two webhooks, two invitations sent, the activity log's Copy buttons. Each
 * button names its row as Revoke and Delete did ("Approve Rita's change to your headline and
 * location"), no table has a header without a name, the skip link of every page has a place to go, a
 * Copy is answered "Copied" in the page's status region, and the hash is on the clipboard.
 */
class ConsoleAccessibilityTest extends ServerTest {

    @Test
    void everyRowsButtonsSayWhichRowNoHeaderIsEmptyAndCopyAnswersCopied() {
        Http api = new Http(baseUrl());
        Members.Member holder = Members.create(baseUrl(), "named");
        Members.Member helper = Members.create(baseUrl(), "namedh");
        String grant = api.post("/api/v1/delegations", holder.accessToken(), Map.of("delegate", helper.handle(),
                "scopes", List.of("profile:read", "profile:write"), "review", List.of("profile:write"))).json().path("id").asString();
        assertThat(api.post("/api/v1/delegations/" + grant + "/accept", helper.accessToken(), null).status()).isEqualTo(200);
        String token = Delegations.delegationToken(api, grant, helper);
        assertThat(api.patch("/api/v1/profile", token, Map.of("headline", "Staff engineer", "location", "Lisbon")).status()).isEqualTo(202);
        assertThat(api.patch("/api/v1/profile", token, Map.of("summary", "Builds teams.", "skills", List.of("Java"))).status()).isEqualTo(202);
        for (String prefix : List.of("nameda", "namedb")) {
            Members.Member invited = Members.create(baseUrl(), prefix);
            assertThat(api.post("/api/v1/invitations", holder.accessToken(), Map.of("to", invited.id())).status()).isEqualTo(201);
        }
        String app = api.post("/api/v1/clients", holder.accessToken(), Map.of("name", "Planner",
                "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read"))).json().path("clientId").asString();
        String webhook = null;
        for (String path : List.of("/planner-events", "/planner-audit")) {
            Http.Response created = api.post("/api/v1/webhooks", holder.accessToken(), Map.of("clientId", app,
                    "url", "http://127.0.0.1:9" + path, "events", List.of("grant.revoked")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            webhook = created.json().path("id").asString();
        }

        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(holder.handle(), holder.password());
            for (String page : List.of("/console/helpers", "/console/network", "/console/activity", "/console/apps",
                    "/console/account", "/console/apps/webhooks/" + webhook)) {
                browser.open(page);
                assertThat(browser.axe("empty-table-header", "skip-link", "region")).as(page).isEmpty();
                assertThat(browser.buttonsNamedAlike()).as("buttons named alike on " + page).isEmpty();
            }

            browser.open("/console/helpers");
            String who = "Test " + helper.handle();
            assertThat(browser.all("#approvals button").stream().map(WebElement::getAccessibleName)).containsExactlyInAnyOrder(
                    "Approve " + who + "'s change to your headline and location", "Reject " + who + "'s change to your headline and location",
                    "Approve " + who + "'s change to your summary and skills", "Reject " + who + "'s change to your summary and skills");
            browser.open("/console/apps");
            assertThat(browser.all("#webhooks button.new-webhook-secret").stream().map(WebElement::getAccessibleName)).containsExactlyInAnyOrder(
                    "New secret for the webhook to http://127.0.0.1:9/planner-events", "New secret for the webhook to http://127.0.0.1:9/planner-audit");

            // Copy says what it copies, and answers in the status region a screen reader announces.
            browser.allowClipboard().open("/console/activity");
            WebElement copy = browser.find("#entries button.copy");
            assertThat(copy.getAccessibleName()).matches("Copy the hash of entry #\\d+");
            String hash = copy.getAttribute("data-copy");
            copy.click();
            assertThat(browser.waitForText("#copy-status", "Copied")).isEqualTo("Copied");
            assertThat(browser.find("#copy-status").getAttribute("role")).isEqualTo("status");
            assertThat(browser.clipboard()).isEqualTo(hash);
        }
    }
}
