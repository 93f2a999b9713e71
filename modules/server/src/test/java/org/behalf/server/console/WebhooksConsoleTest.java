package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;

/** Issue 19 item 6: an integrator manages webhooks on the Apps page, in a real browser. */
class WebhooksConsoleTest extends ServerTest {

    @Test
    void integratorAddsAWebhookSeesTheSecretOnceReadsItsLogAndDeletesItAfterTheConfirmPage() {
        Members.Member integrator = Members.create(baseUrl(), "hookc");
        Http http = new Http(baseUrl());
        assertThat(http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Planner",
                "grantTypes", List.of("client_credentials"), "scopes", List.of("profile:read"))).status()).isEqualTo(201);
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.signIn(integrator.handle(), integrator.password()).open("/console/apps");
            assertThat(browser.find("#webhooks").getText()).contains("No webhooks yet.");
            browser.type("#webhook-url", "http://127.0.0.1:9/planner-events").click("input[name=event][value='grant.revoked']");
            browser.submit("#add-webhook");
            assertThat(browser.find("#secret").getText()).startsWith("whsec_");
            assertThat(browser.find("#webhooks").getText()).contains("http://127.0.0.1:9/planner-events").contains("grant.revoked")
                    .contains("active");
            browser.open("/console/apps");
            assertThat(browser.has("#secret")).as("the secret is shown once").isFalse();

            // A refused address is said in plain words next to it, nothing is added, and what was typed and ticked is still there.
            browser.type("#webhook-url", "https://10.0.0.8/hook").click("input[name=event][value='grant.revoked']")
                    .click("input[name=event][value='grant.changed']");
            browser.submit("#add-webhook");
            assertThat(browser.find("#error").getText()).startsWith("The webhook was not added:").contains("private");
            assertThat(browser.find("#url-error").getText()).contains("private");
            assertThat(browser.find("#webhook-url").getAttribute("value")).isEqualTo("https://10.0.0.8/hook");
            assertThat(browser.find("input[name=event][value='grant.changed']").isSelected()).isTrue();
            assertThat(browser.find("input[name=event][value='grant.revoked']").isSelected()).isTrue();
            assertThat(browser.find("input[name=event][value='grant.created']").isSelected()).isFalse();
            assertThat(browser.all("#webhooks tr[data-webhook]")).hasSize(1);
            // Sent again with an address it takes, it is added with the events chosen the first time.
            browser.type("#webhook-url", "http://127.0.0.1:9/second").submit("#add-webhook");
            assertThat(browser.find("#notice").getText()).contains("Webhook added");
            assertThat(browser.find("#webhooks").getText()).contains("http://127.0.0.1:9/second");
            browser.open("/console/apps");

            browser.click("#webhooks a");
            assertThat(browser.find("#deliveries").getText()).contains("Nothing delivered yet.");
            browser.open("/console/apps");
            // Deleting asks first, on the one confirm page of the console; "No" keeps it.
            String first = browser.find("#webhooks tr[data-webhook] a").getText();
            browser.submit("#webhooks button.delete-webhook");
            assertThat(browser.find("h1").getText()).isEqualTo("Delete the webhook to " + first + "?");
            assertThat(browser.find("#confirm").getText()).contains("delivery log is dropped");
            browser.submit("#confirm-no");
            assertThat(browser.all("#webhooks tr[data-webhook]")).hasSize(2);
            browser.submit("#webhooks button.delete-webhook").submit("#confirm-yes");
            assertThat(browser.find("#notice").getText()).contains("Webhook deleted");
            assertThat(browser.all("#webhooks tr[data-webhook]")).hasSize(1);
        }
    }
}
