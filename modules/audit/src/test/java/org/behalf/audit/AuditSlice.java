package org.behalf.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.GrantOffers;
import org.behalf.auditformat.VerifyActivity;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The audit module's own tests: the activity log's recorder, chain, checkpoints and keys, and its
 * API served over real HTTP on a random port, on a throw-away MySQL schema (DESIGN.md section 8)
 * migrated with the audit's migrations alone, since audit owns its tables and needs nobody else's.
 * Every test class extending this shares one context, as the server's tests share theirs.
 *
 * <p>What is not here is tested in {@code modules/server}: identity's token check and the
 * enforcement of {@code @ResourceAccess} (the scope {@code activity:read}, refusing delegates and
 * apps, the entry of each request). In their place the bearer token is taken as the holder's
 * member id, and each request runs in one database transaction, as enforcement runs it. Which
 * holder offered which helper a grant (delegation's, in the application) is what a test says with
 * {@link #offered}.
 */
@SpringBootTest(classes = AuditSlice.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The minute's checkpoints are run by the tests that mean them (ScheduledCheckpointsTest): one signed by the
        // scheduler between a test's append and its delete of a lost head would make that head signed history.
        properties = {"spring.flyway.locations=classpath:db/migration/audit", "behalf.audit.checkpoint-interval=1h"})
public abstract class AuditSlice extends ModuleSlice {

    @Autowired
    protected ActivityRecorder recorder;
    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private OfferedGrants offers;

    /** A client of this server, and a holder whose log nobody else writes to, fresh for each test. */
    protected Http http;
    protected String holder;

    @BeforeEach
    void freshHolder() {
        http = new Http(baseUrl());
        holder = OpaqueIds.next("mbr");
    }

    /** Records that {@code holder} offered {@code helper} a grant, as delegation would answer it. */
    protected void offered(String holder, String helper) {
        offers.offered.add(holder + " " + helper);
    }

    /** Appends an entry to {@code account}'s log in a transaction of its own, as a request's enforcement does. */
    protected void append(String account, ActivityEvent.Actor actor, String action, ActivityEvent.Outcome outcome) {
        transactions.executeWithoutResult(status -> recorder.record(new ActivityEvent(account, actor, null, null, action, null, outcome,
                null, List.of(), null)));
    }

    protected void append(String account, String action) {
        append(account, system(), action, ActivityEvent.Outcome.SUCCESS);
    }

    protected static ActivityEvent.Actor system() {
        return new ActivityEvent.Actor(ActivityEvent.Actor.Kind.SYSTEM, "test");
    }

    /** The stand-in for delegation's grants (see the class comment). */
    static class OfferedGrants implements GrantOffers {

        private final Set<String> offered = ConcurrentHashMap.newKeySet();

        @Override
        public boolean everOffered(String holder, String helper) {
            return offered.contains(holder + " " + helper);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
            JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    @ComponentScan({"org.behalf.audit.api", "org.behalf.audit.chain", "org.behalf.audit.activity"})
    @ConfigurationPropertiesScan("org.behalf.audit")
    @Import(KernelConfiguration.class)
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        OfferedGrants offers() {
            return new OfferedGrants();
        }

        /**
         * Each request in one transaction, as delegation's enforcement runs it with its entry (see the class comment),
         * and whose snapshot (REPEATABLE READ) is taken before the handler runs, as enforcement's own reads (the
         * caller, the grant) take it in the application.
         */
        @Bean
        OncePerRequestFilter oneTransactionPerRequest(TransactionTemplate transactions, JdbcTemplate jdbc) {
            return new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
                    transactions.executeWithoutResult(status -> {
                        jdbc.queryForList("SELECT seq FROM audit_entry LIMIT 1");
                        try {
                            chain.doFilter(request, response);
                        } catch (IOException | ServletException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            };
        }

        /** The stand-in for identity's token check (see the class comment): the bearer token is the holder. */
        @Bean
        BearerIsMember bearerIsMember() {
            return new BearerIsMember("audit-test");
        }
    }
}
