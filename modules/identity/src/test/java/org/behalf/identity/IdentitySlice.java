package org.behalf.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.behalf.identity.api.BearerChallenge;
import org.behalf.identity.api.ScopeCatalog;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Callers;
import org.behalf.kernel.KernelConfiguration;
import org.behalf.kernel.slice.ModuleSlice;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Identity's own tests: the authorization server, sign-in, members, clients, keys, tokens, the
 * second factor and password reset, served over real HTTP on a random port, on a throw-away MySQL
 * schema (DESIGN.md section 8) migrated with identity's and audit's migrations only. Identity may
 * use {@code kernel} and {@code audit.api} (DESIGN.md section 3), so audit's real recorder is in
 * the context and identity's activity entries are written as the server writes them. Every test
 * class extending this shares one context, as the server's tests share theirs; the {@code mysql}
 * profile gives it the driver settings of a MySQL deployment, as {@code ServerTest} does.
 *
 * <p>What other modules give identity is a stand-in here: the delegation module's scope catalog
 * ({@link ScopeCatalog}, the scopes of DESIGN.md section 4), the request's transaction its
 * enforcement filter opens around every {@code /api/} request ({@link Application#requestTransaction}),
 * and one endpoint of the resource API, {@code GET /api/v1/profile} ({@link StandInProfile}), behind
 * identity's real token check, for the tests that ask "does the API take this token?". Nothing contributes an
 * {@code AccessTokenCustomizer} or a {@code TokenGrantExtension}, so there are no delegation tokens
 * (token exchange), and there is no {@code @ResourceAccess} enforcement (scopes, grants, the
 * activity entry of an app's or delegate's request): those, and the rest of the resource API, stay
 * with the full-application tests in {@code modules/server}.
 */
@ActiveProfiles("mysql")
@SpringBootTest(classes = IdentitySlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.flyway.locations=classpath:db/migration/identity,classpath:db/migration/audit")
public abstract class IdentitySlice extends ModuleSlice {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        // Every test member signs up from this machine; the limits themselves are tested by filling their counters.
        registry.add("behalf.identity.sign-up.max-per-address", () -> "1000000");
        registry.add("behalf.identity.password-reset.max-per-address", () -> "1000000");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableScheduling
    // Audit's recorder and log, not its activity API: that API is audit's own, tested in its slice.
    @ComponentScan(basePackages = {"org.behalf.identity", "org.behalf.audit"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.behalf\\.audit\\.activity\\..*"))
    @ConfigurationPropertiesScan({"org.behalf.identity", "org.behalf.audit"})
    @Import({KernelConfiguration.class, StandInProfile.class})
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The server exports its meters with the actuator; here they are only counted. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /**
         * The stand-in for the transaction the delegation module's {@code EnforcementFilter} runs each
         * {@code /api/} request in (DESIGN.md section 2 rule 6), which identity's handlers write their
         * activity entries in: committed when the answer is not an error, else rolled back, and the
         * answer held until then. Without its activity entry of an app's or delegate's request, and
         * without its re-run after a conflict.
         */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> requestTransaction(PlatformTransactionManager transactions) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
                    TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
                    try {
                        chain.doFilter(request, buffered);
                    } catch (IOException | ServletException | RuntimeException e) {
                        transactions.rollback(transaction);
                        throw e;
                    }
                    if (buffered.getStatus() < 400) {
                        transactions.commit(transaction);
                    } else {
                        transactions.rollback(transaction);
                    }
                    buffered.copyBodyToResponse();
                }
            });
            registration.addUrlPatterns("/api/*");
            // After the security filter chain (order -100), so the caller is known, as the enforcement's is.
            registration.setOrder(0);
            return registration;
        }

        /** The stand-in for the delegation module's catalog: the scopes of DESIGN.md section 4, in its order. */
        @Bean
        ScopeCatalog scopeCatalog() {
            return new StandInScopes();
        }
    }

    /**
     * The stand-in for the network's {@code GET /api/v1/profile} as its declaration makes it answer
     * (scope {@code profile:read}): 401 without a token, 403 without the scope, else 200 with the
     * subject's id. Identity's resource-server chain runs in front of it as in the server, so a
     * token it refuses (forged, expired, revoked) gets identity's 401 before this is reached.
     */
    @RestController
    static class StandInProfile {

        private final Callers callers;

        StandInProfile(Callers callers) {
            this.callers = callers;
        }

        @GetMapping("/api/v1/profile")
        ResponseEntity<Map<String, String>> profile(HttpServletRequest request, HttpServletResponse response) {
            Caller caller = callers.current().orElse(null);
            if (caller == null) {
                BearerChallenge.tokenRequired(request, response);
                return ResponseEntity.status(401).build();
            }
            if (!caller.hasScope("profile:read")) {
                BearerChallenge.insufficientScope(request, response, "profile:read");
                return ResponseEntity.status(403).build();
            }
            return ResponseEntity.ok(Map.of("id", caller.subject()));
        }
    }

    /** DESIGN.md section 4, as {@code org.behalf.delegation.scope.ScopeCatalogView} answers it. */
    static final class StandInScopes implements ScopeCatalog {

        private static final Map<String, String> SCOPES = new LinkedHashMap<>();

        static {
            SCOPES.put("profile:read", "Read your full profile");
            SCOPES.put("profile:write", "Edit your headline, summary, location, positions, education and skills");
            SCOPES.put("invitations:read", "See the invitations and introduction requests you received and sent");
            SCOPES.put("invitations:respond", "Accept, decline or ignore invitations you received");
            SCOPES.put("invitations:send", "Send invitations and introduction requests in your name, and withdraw them");
            SCOPES.put("connections:read", "See the list of your connections");
            SCOPES.put("messages:read", "Read your conversations");
            SCOPES.put("messages:send", "Send messages in your name");
            SCOPES.put("contacts:read", "Read your address book and its communication log");
            SCOPES.put("contacts:write", "Add, edit and import contacts, and log communications");
            SCOPES.put("network:search", "Search members through your network");
            SCOPES.put("data:export", "Export your connections, contacts and messages in bulk");
            SCOPES.put("activity:read", "Read and export your activity log");
            SCOPES.put("delegation:manage", "Create, change and revoke your helpers' permissions");
            SCOPES.put("account:manage", "Change your password, e-mail, second factor and sessions, or close your account");
            SCOPES.put("clients:manage", "Register and manage your own OAuth clients");
            SCOPES.put("delegation:act", "Let an app exchange its user's token for a delegation token (a client scope)");
        }

        private static final List<String> FIRST_PARTY_ONLY = List.of("delegation:manage", "account:manage", "clients:manage");

        @Override
        public List<String> memberScopes() {
            return List.copyOf(SCOPES.keySet());
        }

        @Override
        public String describe(String scope) {
            return SCOPES.getOrDefault(scope, scope);
        }

        @Override
        public boolean firstPartyOnly(String scope) {
            return FIRST_PARTY_ONLY.contains(scope);
        }

        @Override
        public boolean known(String scope) {
            return SCOPES.containsKey(scope);
        }

        /** The first ten, up to {@code contacts:write}; the rest are never delegable. */
        @Override
        public boolean delegable(String scope) {
            return memberScopes().indexOf(scope) >= 0 && memberScopes().indexOf(scope) <= memberScopes().indexOf("contacts:write");
        }
    }
}
