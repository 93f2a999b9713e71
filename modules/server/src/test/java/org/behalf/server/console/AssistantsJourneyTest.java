package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * AI assistants in the console, in a real headless Chromium (issue 21): a person adds the assistant
 * they run on "Your AI assistants" (reached from "Your apps"), and a holder who opens the link it
 * gives out sees, on the grant form, that it is an AI assistant and who runs it, and grants it.
 */
class AssistantsJourneyTest extends ServerTest {

    @Test
    void anOperatorAddsAnAssistantAndAHolderGrantsItKnowingWhoRunsIt() {
        Members.Member operator = Members.create(baseUrl(), "jaop");
        Members.Member holder = Members.create(baseUrl(), "jahold");
        String handle = Members.unique("scribe");
        String base = "http://127.0.0.1:" + port;

        try (Browser laptop = new Browser(base, Browser.DESKTOP);
             Browser phone = new Browser(base, Browser.PHONE)) {
            laptop.signIn(operator.handle(), operator.password()).open("/console/apps").click("#assistants-link a");
            assertThat(laptop.path()).isEqualTo("/console/assistants");
            assertThat(laptop.has("#no-agents")).isTrue();
            // A short password: refused next to its field, the rest kept, nothing created.
            laptop.type("#displayName", "Scribe").type("#handle", handle).type("#agent-password", "short").submit("#create-agent");
            assertThat(laptop.find("#agent-form").getText()).contains("A password has");
            assertThat(laptop.find("#handle").getAttribute("value")).isEqualTo(handle);
            laptop.type("#agent-password", "the scribe's own passphrase").submit("#create-agent");
            assertThat(laptop.find("#notice").getText()).contains("Assistant " + handle + " created");
            String row = "#agents tr[data-agent='" + handle + "']";
            assertThat(laptop.find(row).getText()).contains("Scribe").contains("/console/helpers/new?delegate=" + handle);
            laptop.screenshot("assistants");

            phone.signIn(holder.handle(), holder.password()).open("/console/helpers/new?delegate=" + handle);
            assertThat(phone.find("#delegate").getAttribute("value")).isEqualTo(handle);
            String notice = phone.find("#agent-notice").getText();
            assertThat(notice).contains("This is an AI assistant").contains("Scribe")
                    .contains("Test " + operator.handle()).contains("@" + operator.handle())
                    // It may exchange the grant for an API token too (docs/agents.md, "Tools"): not "only through" MCP.
                    .contains("MCP server or the API").doesNotContain("only through");
            phone.screenshot("grant-assistant");
            phone.click("#scope-profile\\:read").submit("#create-grant");
            assertThat(phone.path()).isEqualTo("/console/helpers");
            assertThat(phone.find("#notice").getText()).contains("Invitation to help sent");

            // A person's handle in the same link says nothing about them.
            phone.open("/console/helpers/new?delegate=" + operator.handle());
            assertThat(phone.has("#agent-notice")).isFalse();
        }
        Http http = new Http(baseUrl());
        JsonNode grants = http.get("/api/v1/delegations?role=holder", holder.accessToken()).json().path("items");
        assertThat(grants.path(0).path("delegate").path("invited").asString()).isEqualTo(handle);
        assertThat(grants.path(0).path("scopes").toString()).isEqualTo("[\"profile:read\"]");
        // Drawing the form asks whether each handle is an assistant; a person's "no" is not a refusal in the holder's
        // log (black-box finding 2: "You tried to do agent.read and were refused" after merely opening the form).
        assertThat(http.get("/api/v1/activity", holder.accessToken()).json().path("items").valueStream()
                .map(entry -> entry.path("action").asString())).doesNotContain("agent.read");
    }
}
