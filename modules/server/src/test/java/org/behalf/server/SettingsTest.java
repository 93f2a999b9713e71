package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.behalf.audit.chain.AuditSettings;
import org.behalf.delegation.grant.GrantSettings;
import org.behalf.events.webhooks.EventsSettings;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.signin.SignInSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The settings records (docs/configuration.md): their defaults are the documented ones, the
 * property names the config files and scripts set still bind, and a value that cannot work stops
 * start-up naming the property, instead of running with it. Only the records, no server.
 */
class SettingsTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.behalf")
    static class Records {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Records.class);

    @Test
    void withNothingSetEverySettingHasItsDocumentedDefault() {
        context.run(records -> {
            assertThat(records).hasNotFailed();
            assertThat(records.getBean(ServerSettings.class).maxConcurrentRequests()).isEqualTo(150);
            assertThat(records.getBean(ServerSettings.class).rotation().overlap()).isEqualTo(Duration.ofMinutes(15));
            assertThat(records.getBean(SignInSettings.class).window()).isEqualTo(Duration.ofMinutes(15));
            assertThat(records.getBean(GrantSettings.class).tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
            assertThat(records.getBean(EventsSettings.class).readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(records.getBean(AuditSettings.class).origin()).isEqualTo("behalf.example/activity");
            assertThat(records.getBean(IdentitySettings.class).issuer()).isNull();
            assertThat(records.getBean(IdentitySettings.class).mailFrom()).isEqualTo("no-reply@behalf.invalid");
        });
    }

    @Test
    void thePropertyNamesTheScriptsSetStillBind() {
        context.withPropertyValues("behalf.identity.sign-in.max-failures-per-address=7", "behalf.rotation.overlap=1s",
                "behalf.delegation.token-lifetime=5m", "behalf.events.allow-private-addresses=true").run(records -> {
            assertThat(records.getBean(SignInSettings.class).maxFailuresPerAddress()).isEqualTo(7);
            assertThat(records.getBean(ServerSettings.class).rotation().overlap()).isEqualTo(Duration.ofSeconds(1));
            assertThat(records.getBean(GrantSettings.class).tokenLifetime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(records.getBean(EventsSettings.class).allowPrivateAddresses()).isTrue();
        });
    }

    /**
     * Request threads unless asked otherwise, also on JDKs with virtual threads (docs/operations.md,
     * "Benchmarks": on virtual threads some requests waited seconds under load), read from
     * config/application.yml as the server reads it; {@code BEHALF_VIRTUAL_THREADS} turns them on.
     */
    @Test
    void virtualThreadsAreOffUnlessTheVariableTurnsThemOn() throws IOException {
        assertThat(applicationYml(Map.of()).getProperty("spring.threads.virtual.enabled", Boolean.class)).isFalse();
        assertThat(applicationYml(Map.of("BEHALF_VIRTUAL_THREADS", "true")).getProperty("spring.threads.virtual.enabled", Boolean.class))
                .isTrue();
    }

    /**
     * config/application.yml (the folder the build names to every test) under these environment
     * variables only, not this machine's.
     */
    private static ConfigurableEnvironment applicationYml(Map<String, Object> variables) throws IOException {
        String folder = System.getProperty("spring.config.additional-location").replaceFirst("^optional:file:", "");
        ConfigurableEnvironment environment = new AbstractEnvironment() {
        };
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(Path.of(folder, "application.yml")))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }

    @Test
    void aLimitOfZeroStopsStartUpNamingTheProperty() {
        context.withPropertyValues("behalf.max-concurrent-requests=0").run(records ->
                assertThat(records).getFailure().rootCause().hasMessageContaining("maxConcurrentRequests"));
        context.withPropertyValues("behalf.events.workers=0").run(records ->
                assertThat(records).getFailure().rootCause().hasMessageContaining("workers"));
    }

    /**
     * Black-box finding, 2026-12-07: these stopped start-up with Spring Authorization Server's or Tomcat's
     * words ("issuer must be a valid URL", "accessTokenTimeToLive must be greater than Duration.ZERO",
     * "Unclosed group near index 12"), naming no setting.
     */
    @Test
    void anIssuerWithoutItsSchemeANegativeLifetimeOrAnUnreadableProxyPatternStopsStartUpNamingTheSetting() {
        context.withPropertyValues("behalf.identity.issuer=id.example.com").run(records ->
                assertThat(records).getFailure().rootCause().hasMessageContaining("issuer")
                        .hasMessageContaining("BEHALF_ISSUER must be the URL").hasMessageContaining("with its scheme").hasMessageContaining("https://id.example.com"));
        context.withPropertyValues("behalf.identity.access-token-lifetime=-5m").run(records ->
                assertThat(records).getFailure().rootCause().hasMessageContaining("accessTokenLifetime")
                        .hasMessageContaining("BEHALF_ACCESS_TOKEN_LIFETIME must be longer than zero"));
        context.withPropertyValues("behalf.identity.issuer=https://id.example.com", "behalf.identity.access-token-lifetime=2m")
                .run(records -> assertThat(records).hasNotFailed());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxies.pattern("10\\.0\\.0\\.(5"))
                .hasMessageStartingWith("BEHALF_TRUSTED_PROXIES (server.tomcat.remoteip.internal-proxies) is not a regular expression")
                .hasMessageContaining("Unclosed group");
        assertThat(TrustedProxies.pattern("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1").matcher("127.0.0.1").matches()).isTrue();
    }

    @Test
    void aBlankCheckpointOriginStopsStartUp() {
        context.withPropertyValues("behalf.audit.origin= ").run(records ->
                assertThat(records).getFailure().rootCause().hasMessageContaining("origin"));
    }
}
