package org.behalf.kernel.slice;

import java.util.ArrayList;
import java.util.List;

import org.behalf.testing.Http;
import org.behalf.testing.TestDatabase;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What every module's test slice ({@code AuditSlice}, {@code DelegationSlice}, {@code EventsSlice},
 * {@code IdentitySlice}, {@code NetworkSlice}) shares: its server on a random port, and the test JVM's throw-away MySQL
 * schema (DESIGN.md section 8, {@link TestDatabase}) as its database. A slice extends this, is
 * itself a {@code @SpringBootTest} with {@code RANDOM_PORT}, and says which migrations and beans it has.
 */
public abstract class ModuleSlice {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    protected int port() {
        return port;
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The JSON of a list answer's items; anything but a 200 fails the test with the answer. */
    protected static List<JsonNode> items(Http.Response page) {
        if (page.status() != 200) {
            throw new AssertionError("expected a page, got " + page);
        }
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
