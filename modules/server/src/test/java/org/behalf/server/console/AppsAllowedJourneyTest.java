package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Apps you allowed" on the Account page, in a real headless Chromium (issue 19): the app with its
 * permissions in words, "Remove access" through the confirm page, then the app gone from the page and
 * its token refused.
 */
class AppsAllowedJourneyTest extends ServerTest {

    private static final String REDIRECT = "http://127.0.0.1:9/cb";

    @Test
    void aMemberRemovesAnAppsAccessThroughTheConfirmPageAndItIsGone() {
        Http http = new Http(baseUrl());
        Members.Member integrator = Members.create(baseUrl(), "jappi");
        JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Calendar Helper",
                "redirectUris", List.of(REDIRECT), "scopes", List.of("profile:read"))).json();
        String clientId = app.path("clientId").asString();
        Members.Member member = Members.create(baseUrl(), "jappm");
        String appToken = Members.appTokens(baseUrl(), app, REDIRECT, member, "profile:read").path("access_token").asString();

        try (Browser laptop = new Browser("http://127.0.0.1:" + port, Browser.DESKTOP);
             Browser phone = new Browser("http://127.0.0.1:" + port, Browser.PHONE)) {
            laptop.signIn(member.handle(), member.password()).open("/console/account");
            assertThat(laptop.find("#authorized-apps").getText()).contains("Calendar Helper");
            phone.signIn(member.handle(), member.password()).open("/console/account");
            String row = "#authorized-apps tr[data-client-id='" + clientId + "']";
            assertThat(phone.find(row).getText()).contains("Calendar Helper").contains("Read your full profile");

            phone.submit(row + " .remove-app");
            assertThat(phone.path()).isEqualTo("/console/account/apps/" + clientId + "/remove");
            assertThat(phone.find("h1").getText()).isEqualTo("Remove Calendar Helper's access?");
            // "No, keep it" changes nothing.
            phone.submit("#confirm-no");
            assertThat(phone.path()).isEqualTo("/console/account");
            assertThat(phone.has(row)).isTrue();
            assertThat(http.get("/api/v1/profile", appToken).status()).isEqualTo(200);

            phone.submit(row + " .remove-app").submit("#confirm-yes");
            assertThat(phone.path()).isEqualTo("/console/account");
            assertThat(phone.find("#notice").getText()).isEqualTo("Access removed. The app can no longer act for you.");
            assertThat(phone.has(row)).as("the app is gone from the page").isFalse();
            assertThat(phone.has("#no-apps")).isTrue();
        }
        assertThat(http.get("/api/v1/profile", appToken).status()).as("and its token is refused").isEqualTo(401);
    }
}
