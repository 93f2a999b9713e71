package org.behalf.server;

import org.behalf.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that talk to a running server over real HTTP, on a real MySQL schema of this
 * test run. Every subclass shares one Spring context (same configuration, same cache key), so the
 * suite starts one server, not one per class. The {@code mysql} profile gives the tests the
 * driver settings a MySQL deployment runs with (config/application-mysql.yml).
 */
@ActiveProfiles("mysql")
@SpringBootTest(classes = BehalfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("behalf.contacts.provider.base-url", () -> "http://localhost:" + ProviderStub.server().port());
        registry.add("behalf.contacts.provider.read-timeout", () -> "1s");
        registry.add("behalf.contacts.provider.client-id", () -> "behalf-test-client");
        registry.add("behalf.contacts.provider.client-secret", () -> "behalf-test-provider-secret");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MailServer.server().getSmtp().getPort());
        // Every test member signs up from this machine; the limit itself is tested by filling its counter.
        registry.add("behalf.identity.sign-up.max-per-address", () -> "1000000");
        registry.add("behalf.identity.dynamic-registration.max-per-address", () -> "1000000");
        registry.add("behalf.identity.password-reset.max-per-address", () -> "1000000");
        // Webhook retries in milliseconds rather than seconds, and a receiver's silence cut at 1 s.
        registry.add("behalf.events.poll-interval", () -> "50ms");
        registry.add("behalf.events.retry-base", () -> "100ms");
        registry.add("behalf.events.retry-max", () -> "400ms");
        registry.add("behalf.events.read-timeout", () -> "1s");
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
