package org.behalf.delegation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.slice.KeptActivity;
import org.behalf.delegation.api.ChangePreview;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.SecondFactor;
import org.behalf.kernel.Caller;
import org.behalf.kernel.KernelConfiguration;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.BearerIsMember;
import org.behalf.kernel.slice.ModuleSlice;
import org.behalf.testing.Http;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delegation's own tests: its grant and approval endpoints, services and repositories served
 * over real HTTP on a random port, on a throw-away MySQL schema (DESIGN.md section 8) migrated with
 * the delegation's migrations alone, since the delegation owns its tables. Every test class
 * extending this shares one context, as the server's tests share theirs.
 *
 * <p>What is not here is tested in {@code modules/server}: identity's token check, the token
 * exchange, the enforcement of {@code @ResourceAccess} on delegated requests (scopes, the grant's
 * limits, holding a change for review) and the audit module's log. In their place: the bearer token
 * is taken as the member id; members are those a test {@link #signUp}s; the activity entries a
 * transition records are kept in {@link #recorded} (what the holder's log would get); and
 * {@code PATCH /api/v1/profile} is a stand-in that sets the fields a body names, enough to apply
 * approved changes to.
 */
@SpringBootTest(classes = DelegationSlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.flyway.locations=classpath:db/migration/delegation")
public abstract class DelegationSlice extends ModuleSlice {

    @Autowired
    private Members members;
    @Autowired
    private KeptActivity activity;
    @Autowired
    private Profiles profiles;

    /** A client of this server, and a member (the token is the id) nobody else uses, fresh for each test. */
    protected Http http;
    protected String member;

    @BeforeEach
    void freshMember() {
        http = new Http(baseUrl());
        member = signUp();
    }

    /** A new member known to the directory by handle and by e-mail ({@link #email}); answers the id, which is also their token. */
    protected String signUp() {
        String id = OpaqueIds.next("mbr");
        members.known.put(id, new MemberDirectory.MemberRef(id, handle(id), "Member " + id.substring(id.length() - 4)));
        return id;
    }

    protected static String handle(String memberId) {
        return "h" + memberId.toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    protected static String email(String memberId) {
        return handle(memberId) + "@example.test";
    }

    /** The activity entries recorded in this account's log, oldest first. */
    protected List<ActivityEvent> recorded(String account) {
        return activity.of(account);
    }

    /** The stand-in profile's fields (see the class comment). */
    protected Map<String, Object> profile(String account) {
        return profiles.of(account);
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class,
            FlywayAutoConfiguration.class, JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    // Grants and approvals, without the listener that needs identity's token store (tested in the server).
    @ComponentScan(basePackages = {"org.behalf.delegation.grant", "org.behalf.delegation.approval", "org.behalf.delegation.scope"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*WithdrawnAppDelegationTokens"))
    @Import({DelegationPersistence.class, KernelConfiguration.class, Members.class, KeptActivity.class, Profiles.class})
    @ConfigurationPropertiesScan({"org.behalf.delegation.grant", "org.behalf.delegation.approval"})
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** Two-step sign-in is identity's, and off for every member here. */
        @Bean
        SecondFactor secondFactor() {
            return new SecondFactor() {
                @Override
                public boolean enabled(String memberId) {
                    return false;
                }

                @Override
                public boolean verify(String memberId, String code) {
                    return false;
                }

                @Override
                public boolean verifyOrThrottled(String memberId, String code) {
                    return false;
                }
            };
        }

        /** The stand-in for identity's token check (see the class comment): the bearer token is the member. */
        @Bean
        BearerIsMember bearerIsMember() {
            return new BearerIsMember("delegation-test");
        }
    }

    /** The members the tests signed up, by id and by handle. */
    static class Members implements MemberDirectory {

        final Map<String, MemberRef> known = new ConcurrentHashMap<>();

        @Override
        public Optional<MemberRef> findById(String memberId) {
            return Optional.ofNullable(known.get(memberId));
        }

        @Override
        public Optional<MemberRef> findByHandleOrEmail(String handleOrEmail) {
            return known.values().stream().filter(m -> m.handle().equals(handleOrEmail) || email(m.id()).equals(handleOrEmail))
                    .findFirst();
        }
    }

    /**
     * The stand-in for the network's profile: {@code PATCH /api/v1/profile} sets the fields its body
     * names and leaves the others (as the network's does), and its preview says what a held edit would change.
     */
    @RestController
    static class Profiles implements ChangePreview {

        private final Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();

        Map<String, Object> of(String account) {
            return profiles.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        }

        @PatchMapping("/api/v1/profile")
        Map<String, Object> edit(Caller member, @RequestBody Map<String, Object> fields) {
            of(member.subject()).putAll(fields);
            return of(member.subject());
        }

        @Override
        public boolean handles(String action) {
            return "profile.update".equals(action);
        }

        @Override
        public List<Field> preview(String account, String body) {
            Map<String, Object> sent = tools.jackson.databind.json.JsonMapper.builder().build().readValue(body,
                    new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
            return sent.entrySet().stream().map(f -> new Field(f.getKey(), f.getKey(), of(account).get(f.getKey()), f.getValue())).toList();
        }
    }
}
