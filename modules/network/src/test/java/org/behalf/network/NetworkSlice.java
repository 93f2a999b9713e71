package org.behalf.network;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.behalf.kernel.Caller;
import org.behalf.kernel.KernelConfiguration;
import org.behalf.kernel.OpaqueIds;
import org.behalf.testing.Http;
import org.behalf.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The network's own tests: the network's controllers, services and repositories served over real
 * HTTP on a random port, on a throw-away MySQL schema (DESIGN.md section 8) migrated with the
 * network's migrations alone, since the network owns its tables and needs nobody else's. Every
 * test class extending this shares one context, as the server's tests share theirs.
 *
 * <p>What is not here is tested in {@code modules/server}: identity's token check and the
 * enforcement of {@code @ResourceAccess} (scopes, grants, the activity log). In their place the
 * bearer token is taken as the member id: {@code http} with {@code member} as the token acts as a
 * member of its own in each test.
 */
@SpringBootTest(classes = NetworkSlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.flyway.locations=classpath:db/migration/network")
public abstract class NetworkSlice {

    @LocalServerPort
    private int port;

    /**
     * The external address-book provider contacts are imported from, as WireMock: one for the test
     * JVM, started with the context that is configured with its address, so that every test class
     * shares that context. A test that stubs it resets it first.
     */
    protected static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
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

    /** A client of this server, and a member id nobody else uses to act as, fresh for each test. */
    protected Http http;
    protected String member;

    @BeforeEach
    void freshMember() {
        http = new Http(baseUrl());
        member = OpaqueIds.next("mbr");
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
            JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    @ComponentScan("org.behalf.network.contacts")
    // Every package's column converters and row mappers, for the repositories of all the network's aggregates.
    @ComponentScan(basePackages = "org.behalf.network", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {ColumnConverters.class, RowMapper.class}))
    @Import({NetworkPersistence.class, KernelConfiguration.class})
    @ConfigurationPropertiesScan("org.behalf.network.contacts")
    static class Application implements WebMvcConfigurer {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The stand-in for identity's token check (see the class comment): the bearer token is the member. */
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new HandlerMethodArgumentResolver() {
                @Override
                public boolean supportsParameter(MethodParameter parameter) {
                    return Caller.class.equals(parameter.getParameterType());
                }

                @Override
                public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                              WebDataBinderFactory binders) {
                    String member = request.getHeader(HttpHeaders.AUTHORIZATION).substring("Bearer ".length());
                    return new Caller(member, null, "network-test", Set.of(), null, "jti", Caller.Kind.HOLDER);
                }
            });
        }
    }

    /** The JSON of a list answer's items. */
    protected static List<tools.jackson.databind.JsonNode> items(Http.Response page) {
        if (page.status() != 200) {
            throw new AssertionError("expected a page, got " + page);
        }
        List<tools.jackson.databind.JsonNode> items = new java.util.ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }
}
