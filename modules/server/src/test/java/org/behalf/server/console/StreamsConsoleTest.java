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
 * Issue 19 item 6: an integrator sees their Shared Signals streams on the Apps page, pauses and
 * enables one, reads its delivery log and deletes it after a confirmation, in a real browser at a
 * desktop's and a phone's width (each page also checked for sideways scrolling and by axe-core).
 */
class StreamsConsoleTest extends ServerTest {

    private static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    @Test
    void atADesktopsWidth() {
        journey(Browser.DESKTOP);
    }

    @Test
    void atAPhonesWidth() {
        journey(Browser.PHONE);
    }

    private void journey(int width) {
        Members.Member integrator = Members.create(baseUrl(), "ssfc");
        Http http = new Http(baseUrl());
        JsonNode app = http.post("/api/v1/clients", integrator.accessToken(), Map.of("name", "Planner",
                "redirectUris", List.of("http://127.0.0.1:9/cb"), "scopes", List.of("profile:read"))).json();
        String receiver = "http://127.0.0.1:9/planner-signals";
        Http.Response created = http.post("/api/v1/ssf/stream", integrator.accessToken(), Map.of("aud", app.path("clientId").asString(),
                "delivery", Map.of("method", "urn:ietf:rfc:8935", "endpoint_url", receiver), "events_requested", List.of(SESSION_REVOKED)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("stream_id").asString();
        assertThat(http.post("/api/v1/ssf/verify", integrator.accessToken(), Map.of("stream_id", id, "state", "hello")).status())
                .isEqualTo(204);

        try (Browser browser = new Browser("http://127.0.0.1:" + port, width)) {
            browser.signIn(integrator.handle(), integrator.password()).open("/console/apps");
            assertThat(browser.find("#streams").getText()).contains(receiver).contains(app.path("clientId").asString());
            assertThat(browser.find("#streams .stream-status").getText()).isEqualTo("enabled");

            browser.submit("#streams button.stream-toggle");
            assertThat(browser.find("#notice").getText()).contains("paused");
            assertThat(browser.find("#streams .stream-status").getText()).isEqualTo("paused");
            assertThat(http.get("/api/v1/ssf/status?stream_id=" + id, integrator.accessToken()).json().path("status").asString())
                    .isEqualTo("paused");
            browser.submit("#streams button.stream-toggle");
            assertThat(browser.find("#streams .stream-status").getText()).isEqualTo("enabled");

            browser.click("#streams a");
            assertThat(browser.find("#stream-status").getText()).isEqualTo("enabled");
            assertThat(browser.find("#deliveries").getText()).contains("verification");

            browser.open("/console/apps");
            browser.submit("#streams button.delete-stream");
            assertThat(browser.find("h1").getText()).contains("Delete the stream to " + receiver);
            browser.click("#confirm-no");
            assertThat(browser.all("#streams tr[data-stream]")).hasSize(1);
            browser.submit("#streams button.delete-stream").submit("#confirm-yes");
            assertThat(browser.find("#notice").getText()).contains("Stream deleted");
            assertThat(browser.find("#streams").getText()).contains("No streams yet.");
        }
        assertThat(http.get("/api/v1/ssf/stream?stream_id=" + id, integrator.accessToken()).status()).isEqualTo(404);
    }
}
