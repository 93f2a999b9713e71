package org.behalf.network;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.GrantOffers;
import org.behalf.delegation.api.DailyQuotas;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.MemberRegistered;
import org.behalf.kernel.KernelConfiguration;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.BearerIsMember;
import org.behalf.kernel.slice.ModuleSlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The network's own tests: the network's controllers, services and repositories served over real
 * HTTP on a random port, on a throw-away MySQL schema (DESIGN.md section 8) migrated with the
 * network's migrations alone, since the network owns its tables and needs nobody else's. Every
 * test class extending this shares one context, as the server's tests share theirs.
 *
 * <p>What is not here is tested in {@code modules/server}: identity's token check and the
 * enforcement of {@code @ResourceAccess} (scopes, grants, the activity log), and closing an
 * account (identity's, which the network hears of in the closing transaction). In their place the
 * bearer token is taken as the member id: {@code http} with {@code member} as the token acts as a
 * member of its own in each test; members others can find, invite and connect with are those a test
 * {@link #signUp}s, whom identity's directory stand-in knows and whose {@link MemberRegistered} the
 * network hears as from identity; and the activity recorder keeps nothing (the log is audit's, tested in the server).
 * A body that does not read is answered by the delegation's {@code BadInputAdvice}, as in the server.
 */
@SpringBootTest(classes = NetworkSlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.locations=classpath:db/migration/network",
                // As config/application.yml: extra fields in a body are refused, never ignored (SECURITY-CASES 21).
                "spring.jackson.deserialization.fail-on-unknown-properties=true"})
public abstract class NetworkSlice extends ModuleSlice {

    /**
     * The external address-book provider contacts are imported from, as WireMock: one for the test
     * JVM, started with the context that is configured with its address, so that every test class
     * shares that context. A test that stubs it resets it first.
     */
    protected static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("behalf.contacts.provider.base-url", () -> {
            if (!PROVIDER.isRunning()) {
                PROVIDER.start();
                Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::stop));
                // WireMock's first answer in a JVM loads most of it: 1.9 to 3.8 s on a busy 2-core
                // machine, which the import's read timeout would count against the provider.
                new Http(PROVIDER.baseUrl()).get("/warm-up", null);
            }
            return "http://localhost:" + PROVIDER.port();
        });
        // The read timeout covers the whole answer, its body included (AddressBookProvider), so it
        // also holds the client's first exchange in this JVM: 2 s, past which a 4.5 s stub answers.
        registry.add("behalf.contacts.provider.read-timeout", () -> "2s");
        registry.add("behalf.contacts.provider.client-id", () -> "behalf-test-client");
        registry.add("behalf.contacts.provider.client-secret", () -> "behalf-test-provider-secret");
    }

    @Autowired
    private Directory directory;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private TransactionTemplate transactions;

    /** A client of this server, and a member id nobody else uses to act as, fresh for each test. */
    protected Http http;
    protected String member;

    @BeforeEach
    void freshMember() {
        http = new Http(baseUrl());
        member = OpaqueIds.next("mbr");
    }

    /** A member of the network; the token of their requests is their id (see the class comment). */
    protected record Member(String id, String handle) {

        public String token() {
            return id;
        }
    }

    /** A new member with a unique handle starting with {@code prefix}, named "Test" and the handle. */
    protected Member signUp(String prefix) {
        String handle = Members.unique(prefix);
        return signUp(handle, "Test " + handle);
    }

    /**
     * A new member as identity's sign-up makes one: known to the directory, and announced with
     * {@link MemberRegistered} inside the transaction that creates the account, which the network's
     * listeners join to set up the member's rows.
     */
    protected Member signUp(String handle, String displayName) {
        MemberDirectory.MemberRef ref = new MemberDirectory.MemberRef(OpaqueIds.next("mbr"), handle, displayName);
        transactions.executeWithoutResult(tx -> {
            directory.known.put(ref.id(), ref);
            events.publishEvent(new MemberRegistered(ref.id(), ref.handle(), ref.displayName()));
        });
        return new Member(ref.id(), ref.handle());
    }

    /** An invitation from {@code a}, accepted by {@code b}. */
    protected void connect(Member a, Member b) {
        Http.Response sent = http.post("/api/v1/invitations", a.token(), Map.of("to", b.id()));
        if (sent.status() != 201) {
            throw new AssertionError("expected the invitation to be sent, got " + sent);
        }
        Http.Response accepted = http.post("/api/v1/invitations/" + sent.json().path("id").asString() + "/accept", b.token(), null);
        if (accepted.status() != 200) {
            throw new AssertionError("expected the invitation to be accepted, got " + accepted);
        }
    }

    /** Every item of a list, following {@code next} (pages of 100). */
    protected List<JsonNode> all(String path, String token) {
        return all(path, token, 100);
    }

    /** {@link #all(String, String)} in pages of {@code limit}, each asked for with the previous page's cursor. */
    protected List<JsonNode> all(String path, String token, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String next = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            Http.Response page = http.get(path + separator + "limit=" + limit + (next == null ? "" : "&cursor=" + next), token);
            all.addAll(items(page));
            next = page.json().path("next").asString(null);
        } while (next != null);
        return all;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
            JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    // All of the network but this slice's own configuration, which the test context registers itself.
    @ComponentScan(basePackages = "org.behalf.network",
            excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Application.class))
    // Bodies that do not read answered as in the server, naming the field (the delegation's advice, DESIGN.md section 6).
    @ComponentScan(basePackages = "org.behalf.delegation.enforcement", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.BadInputAdvice"))
    @Import({NetworkPersistence.class, KernelConfiguration.class})
    @ConfigurationPropertiesScan("org.behalf.network")
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The stand-in for identity's token check (see the class comment): the bearer token is the member. */
        @Bean
        BearerIsMember bearerIsMember() {
            return new BearerIsMember("network-test");
        }

        @Bean
        Directory directory() {
            return new Directory();
        }

        /** The stand-in for the delegation's grants, asked only of an AI assistant, which the stand-in directory has none of. */
        @Bean
        GrantOffers grantOffers() {
            return (holder, helper) -> false;
        }

        /**
         * The stand-in for audit's recorder: the network records only the holder's own bulk export
         * itself (enforcement records the rest, tested in the server), and ignores the stored entry.
         */
        @Bean
        ActivityRecorder activityRecorder() {
            return event -> null;
        }

        /** The stand-in for the delegation's quotas: no caller here is a delegate (quotas are the server's tests). */
        @Bean
        DailyQuotas dailyQuotas() {
            return (caller, scope, more) -> { };
        }
    }

    /** The stand-in for identity's member directory: the members the tests signed up, by id and by handle. */
    static class Directory implements MemberDirectory {

        private final Map<String, MemberRef> known = new ConcurrentHashMap<>();

        @Override
        public Optional<MemberRef> findById(String memberId) {
            return Optional.ofNullable(known.get(memberId));
        }

        /** By handle, compared as identity's sign-up normalises it (letter case aside); nobody signs up with an e-mail here. */
        @Override
        public Optional<MemberRef> findByHandleOrEmail(String handleOrEmail) {
            String key = handleOrEmail.toLowerCase(Locale.ROOT);
            return known.values().stream().filter(m -> m.handle().toLowerCase(Locale.ROOT).equals(key)).findFirst();
        }
    }
}
