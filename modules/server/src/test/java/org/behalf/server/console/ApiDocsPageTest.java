package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.behalf.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The API's documentation page at {@code /docs/api}, as an integrator's browser shows it: Swagger
 * UI served by the server itself (no other host), rendering the OpenAPI document's operations.
 */
class ApiDocsPageTest extends ServerTest {

    @Test
    void theDocsPageRendersTheOperationsFromTheServersOwnFiles() throws InterruptedException {
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/docs/api");
            List<String> paths = List.of();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (paths.size() < 20 && System.nanoTime() < deadline) {
                paths = browser.all(".opblock-summary-path").stream().map(WebElement::getText).toList();
                if (paths.size() < 20) {
                    Thread.sleep(200);
                }
            }
            browser.screenshot("api-docs");
            assertThat(paths).as(browser.text()).contains("/api/v1/profile", "/api/v1/delegations/{id}/revoke");
            assertThat(browser.text()).contains("Behalf resource API", "Authorize");
            assertThat(browser.source()).as("nothing loaded from another host").doesNotContain("src=\"http", "href=\"http");
        }
    }
}
