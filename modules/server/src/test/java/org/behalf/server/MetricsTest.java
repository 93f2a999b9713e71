package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.behalf.testing.Delegations;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What an operator scrapes and reads (docs/deploy.md, "Metrics and logs"): a node started as
 * in production, with a management port of its own, serves Behalf's meters at
 * {@code /actuator/prometheus} there and never on the application's port, and they move with the
 * requests it answers; a log line written during an API request carries that request's id, the one
 * its activity entry carries.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsTest extends ServerTest {

    private static ConfigurableApplicationContext node;
    private static Http api;
    private static Http management;

    /** A second node on the suite's database with a management port (the shared context has none). */
    @BeforeAll
    static void startNodeWithManagementPort() {
        TestDatabase database = TestDatabase.shared();
        node = new SpringApplicationBuilder(BehalfApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.profiles.active=mysql",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--behalf.identity.sign-up.max-per-address=1000000");
        api = new Http("http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort());
        management = new Http("http://localhost:" + node.getEnvironment().getProperty("local.management.port"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theMetersMoveWithTheRequestsAndAreScrapedOnTheManagementPortOnly() {
        String before = scrape();
        Member holder = Members.create(api.base(), "metrh");
        Member assistant = Members.create(api.base(), "metra");
        String grantId = Delegations.activeGrant(api, holder, assistant, List.of("profile:read", "profile:write"));
        String token = Delegations.delegationToken(api, grantId, assistant);
        assertThat(api.form("/oauth2/token", Delegations.exchangeForm("grt_none", assistant.accessToken())).status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/profile", token, Map.of("headline", "Scraped")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections", token).status()).as("a scope the grant lacks").isEqualTo(403);

        String after = scrape();
        assertThat(value(after, "behalf_tokens_issued_total{grant_type=\"urn:ietf:params:oauth:grant-type:token-exchange\"}"))
                .isEqualTo(value(before, "behalf_tokens_issued_total{grant_type=\"urn:ietf:params:oauth:grant-type:token-exchange\"}") + 1);
        assertThat(value(after, "behalf_tokens_issued_total{grant_type=\"authorization_code\"}"))
                .as("the two members signed in").isGreaterThanOrEqualTo(2);
        assertThat(value(after, "behalf_exchanges_total{outcome=\"issued\"}")).isEqualTo(value(before, "behalf_exchanges_total{outcome=\"issued\"}") + 1);
        assertThat(value(after, "behalf_exchanges_total{outcome=\"refused\"}")).isEqualTo(value(before, "behalf_exchanges_total{outcome=\"refused\"}") + 1);
        assertThat(value(after, "behalf_delegated_requests_total{outcome=\"allowed\",scope=\"profile:write\"}")).isEqualTo(1);
        assertThat(value(after, "behalf_delegated_requests_total{outcome=\"denied\",scope=\"connections:read\"}")).isEqualTo(1);
        assertThat(value(after, "behalf_activity_appends_seconds_count")).isGreaterThanOrEqualTo(value(before, "behalf_activity_appends_seconds_count") + 2);
        assertThat(after).contains("behalf_checkpoint_lag_seconds", "behalf_signin_throttled_total", "behalf_requests_in_progress");
        // Each request timed, none tracked by a long-task timer as well (config/application.yml).
        String patches = "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"PATCH\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/profile\"}";
        assertThat(value(after, patches)).isEqualTo(value(before, patches) + 1);
        assertThat(after).doesNotContain("http_server_requests_active");

        Http.Response onApplicationPort = api.get("/actuator/prometheus", null);
        assertThat(onApplicationPort.status()).as("metrics are not served on the public port").isNotEqualTo(200);
        assertThat(onApplicationPort.body()).doesNotContain("behalf_");
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void aLogLineWrittenDuringARequestCarriesItsRequestId(CapturedOutput output) {
        LoggingSystem logging = node.getBean(LoggingSystem.class);
        String logger = "org.behalf.delegation.enforcement";
        logging.setLogLevel(logger, LogLevel.DEBUG);
        try {
            Member holder = Members.create(api.base(), "logh");
            Http.Response answered = api.get("/api/v1/profile", holder.accessToken());
            assertThat(answered.status()).isEqualTo(200);
            String requestId = answered.header("X-Request-Id");
            assertThat(requestId).isNotBlank();
            assertThat(output.getOut().lines().filter(line -> line.contains("GET /api/v1/profile answered 200")))
                    .anySatisfy(line -> assertThat(line).contains("[" + requestId + "] "));
        } finally {
            logging.setLogLevel(logger, null);
        }
    }

    private static String scrape() {
        Http.Response scraped = management.get("/actuator/prometheus", null);
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        return scraped.body();
    }

    /** A sample's value in the Prometheus text format; 0 when absent (a counter never incremented). */
    private static double value(String scraped, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(scraped);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
