package org.behalf.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.slice.KeptActivity;
import org.behalf.audit.api.KeyEncryption;
import org.behalf.audit.api.KeyEncryptionSettings;
import org.behalf.identity.api.AccountEvent;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.api.PlatformSigner;
import org.behalf.kernel.KernelConfiguration;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.BearerIsMember;
import org.behalf.kernel.slice.ModuleSlice;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The events module's own tests: the outbox, webhook subscriptions and Shared Signals streams, the
 * fan-out and the delivery worker (retries, timeouts, signatures, SETs) over real HTTP on a random
 * port, on a throw-away MySQL schema (DESIGN.md section 8) migrated with the events' migrations
 * alone, since the events module owns its tables; receivers are a WireMock server ({@link #receiver}).
 * Every test class extending this shares one context, as the server's tests share theirs.
 *
 * <p>What is not here is tested in {@code modules/server}: identity's token check and the
 * enforcement of {@code @ResourceAccess} (the scope {@code clients:manage}, refusing delegates and
 * apps, the client-itself rule of the receiver's endpoints, and the activity entries of refused
 * requests), the security chain of the transmitter metadata, and the events other modules publish
 * when a member acts. In their place: the bearer token is taken as the member id, or as
 * {@code client:<id>} the token a client got for itself ({@link #clientToken}); an event is what a
 * test {@link #publish}es in a transaction, as a module publishes it inside its change; which member
 * owns or authorized which client is what the test says ({@link #client}, {@link #authorize}); the
 * activity entries recorded are kept ({@link #recorded}); and SETs are signed with a key of this
 * slice ({@link #signingKeys}) where identity's platform key signs them in the application.
 */
@SpringBootTest(classes = EventsSlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.locations=classpath:db/migration/events",
                // As config/application.yml has them: problem answers, and the JSON the API writes and reads.
                "spring.mvc.problemdetails.enabled=true", "spring.jackson.default-property-inclusion=always",
                "spring.jackson.deserialization.fail-on-unknown-properties=true",
                // As the server's tests: retries in milliseconds rather than seconds, a receiver's silence cut at 1 s.
                "behalf.events.poll-interval=50ms", "behalf.events.retry-base=100ms", "behalf.events.retry-max=400ms",
                "behalf.events.read-timeout=1s"})
public abstract class EventsSlice extends ModuleSlice {

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private Clients clients;
    @Autowired
    private KeptActivity activity;
    @Autowired
    private Signer signer;

    /** The receivers of this class's subscriptions: one WireMock server, each test on paths of its own ({@link #path}). */
    protected static WireMockServer receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** A client of this server, and a member (the token is the id) nobody else uses, fresh for each test. */
    protected Http http;
    protected String owner;

    @BeforeEach
    void freshOwner() {
        http = new Http(baseUrl());
        owner = newMember();
    }

    /** A new member id, which is also their token here. */
    protected static String newMember() {
        return OpaqueIds.next("mbr");
    }

    /** A new client registered by {@code owner}. */
    protected String client(String owner) {
        String id = OpaqueIds.next("cli");
        clients.owners.put(id, owner);
        return id;
    }

    /** {@code member} gives their consent to {@code client} for {@code profile:read} (as identity's consent does). */
    protected void authorize(String member, String client) {
        authorize(member, client, "profile:read");
    }

    /** {@code member} gives their consent to {@code client} for these scopes. */
    protected void authorize(String member, String client, String... scopes) {
        clients.consents.computeIfAbsent(member, m -> new ConcurrentHashMap<>()).put(client, Set.of(scopes));
    }

    /** The token {@code client} got for itself by client credentials (see the class comment). */
    protected static String clientToken(String client) {
        return BearerIsMember.CLIENT + client;
    }

    /** Publishes {@code event} inside a transaction, as the module whose change it is publishes it. */
    protected void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    /**
     * Publishes a grant's event with the data the delegation gives it (status left out), and answers
     * the grant's id: {@code holder} is the account it is about, {@code delegate} the other.
     */
    protected String grantEvent(String type, String holder, String delegate, List<String> scopes) {
        return grantEvent(type, OpaqueIds.next("grt"), holder, delegate, scopes);
    }

    protected String grantEvent(String type, String grant, String holder, String delegate, List<String> scopes) {
        publish(new AccountEvent(type, holder, delegate, Map.of("grantId", grant, "holderId", holder, "delegateId", delegate,
                "scopes", scopes, "expiresAt", Instant.now().plusSeconds(86_400).toString())));
        return grant;
    }

    /** The publisher itself, for a test that publishes outside a transaction or rolls one back. */
    protected ApplicationEventPublisher publisher() {
        return events;
    }

    /** The activity entries recorded in this account's log, oldest first. */
    protected List<ActivityEvent> recorded(String account) {
        return activity.of(account);
    }

    /** The public key SETs are signed with here (identity's platform key in the application, published at {@code /oauth2/jwks}). */
    protected JWKSet signingKeys() {
        return new JWKSet(signer.key.toPublicJWK());
    }

    /**
     * Ten pending deliveries of {@code subscription} (a webhook's or a stream's id), due a minute ago:
     * a backlog, or what a fan-out that read the subscription just before it was deleted, disabled or
     * paused leaves after that change (the race cannot be timed from a test, what it leaves can).
     */
    protected void tenDue(String subscription) {
        Timestamp minuteAgo = Timestamp.from(Instant.now().minusSeconds(60));
        String lane = subscription.startsWith("ssf_") ? "signal" : "webhook";
        for (int i = 0; i < 10; i++) {
            jdbc.update("INSERT INTO events_delivery (owner_id, id, webhook_id, lane, type, body, status, attempts, created_at, "
                    + "retry_from, next_attempt_at) VALUES (?, ?, ?, ?, 'profile.updated', '{}', 'pending', 0, ?, ?, ?)",
                    owner, OpaqueIds.next("msg"), subscription, lane, minuteAgo, minuteAgo, minuteAgo);
        }
    }

    /** The ids of these subscriptions' deliveries still stored. */
    protected List<String> deliveriesOf(List<String> subscriptions) {
        return jdbc.queryForList("SELECT id FROM events_delivery WHERE webhook_id IN (" + String.join(", ",
                Collections.nCopies(subscriptions.size(), "?")) + ")", String.class, subscriptions.toArray());
    }

    /** A receiver's path nobody else uses. */
    protected static String path() {
        return "/hook/" + Members.unique("r");
    }

    protected static String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    /** A receiver's path that answers {@code status}. */
    protected static String stub(int status) {
        String path = path();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
            JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    // Everything of the events module but its security chain for the metadata, which is the server's (Spring Security).
    @ComponentScan(basePackages = "org.behalf.events",
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*EventsConfiguration"))
    @ConfigurationPropertiesScan("org.behalf.events")
    @EnableConfigurationProperties({IdentitySettings.class, KeyEncryptionSettings.class})
    @Import({KernelConfiguration.class, KeyEncryption.class, Clients.class, KeptActivity.class, Signer.class})
    @EnableScheduling
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The stand-in for identity's token check (see the class comment). */
        @Bean
        BearerIsMember bearerIsMember() {
            return new BearerIsMember("events-test");
        }
    }

    /** Who registered which client, and who authorized which (identity's, in the application). */
    static class Clients implements ClientDirectory {

        final Map<String, String> owners = new ConcurrentHashMap<>();

        @Override
        public boolean owns(String memberId, String clientId) {
            return memberId.equals(owners.get(clientId));
        }

        @Override
        public Optional<String> owner(String clientId) {
            return Optional.ofNullable(owners.get(clientId));
        }

        /** Each client a member authorized, with the scopes given; {@link #authorize} without scopes gives them all. */
        final Map<String, Map<String, Set<String>>> consents = new ConcurrentHashMap<>();

        @Override
        public Map<String, Set<String>> consentsOf(String accountId) {
            return Map.copyOf(consents.getOrDefault(accountId, Map.of()));
        }
    }

    /**
     * Signs as {@link PlatformSigner} promises (ES256, the given {@code typ}, instants as NumericDate,
     * a list {@code aud}), with a key of its own.
     */
    static class Signer implements PlatformSigner {

        final ECKey key;

        Signer() throws JOSEException {
            key = new ECKeyGenerator(Curve.P_256).keyID(OpaqueIds.next("key")).generate();
        }

        @Override
        public String sign(String type, Map<String, Object> claims) {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> {
                if (value instanceof Instant instant) {
                    set.claim(name, Date.from(instant));
                } else if ("aud".equals(name) && value instanceof List<?> audience) {
                    set.audience(audience.stream().map(String::valueOf).toList());
                } else {
                    set.claim(name, value);
                }
            });
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type)).keyID(key.getKeyID())
                    .build(), set.build());
            try {
                jwt.sign(new ECDSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
