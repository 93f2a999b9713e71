package org.behalf.bench;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.chain.GrownLogs;
import org.behalf.audit.chain.JdbcActivityRecorder;
import org.behalf.auditformat.CanonicalJson;
import org.behalf.auditformat.EntryHash;
import org.behalf.auditformat.SignedNote;
import org.behalf.auditformat.VerifyActivity;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The activity log's two rates (issue 5): entries appended per second by 16 writers spread over
 * many accounts, each in its own transaction on MySQL, through the same recorder the server uses;
 * and entries verified per second by the offline verifier.
 */
final class ActivityBench implements Benchmark {

    private static final int ACCOUNTS = 10_000;
    private static final int VERIFIED = 300_000;

    @Override
    public String describe() {
        return "activity entries appended/s, 16 writers, many accounts (target >= 3,000/s); entries verified/s (target >= 200,000/s)";
    }

    @Override
    public List<Load.Result> run(Target target) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.databaseUrl() + "&connectionTimeZone=UTC");
        config.setDataSourceProperties(serverDriverSettings());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(16);
        List<Load.Result> results = new ArrayList<>();
        try (HikariDataSource database = new HikariDataSource(config)) {
            MeterRegistry meters = new SimpleMeterRegistry();
            JdbcActivityRecorder recorder = new JdbcActivityRecorder(new JdbcTemplate(database), Clock.systemUTC(),
                    new GrownLogs(Clock.systemUTC(), meters), meters);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
            results.add(Load.run("activity append (16 writers)", 16, Duration.ofSeconds(5), Duration.ofSeconds(20), worker -> {
                Random random = new Random(worker);
                return () -> {
                    String account = "mbr_bench_activity_" + random.nextInt(ACCOUNTS);
                    transactions.executeWithoutResult(status -> recorder.record(new ActivityEvent(account,
                            new ActivityEvent.Actor(ActivityEvent.Actor.Kind.DELEGATE, "mbr_bench_helper"), "grt_bench", "behalf-cli",
                            "profile.update", new ActivityEvent.Target("profile", account), ActivityEvent.Outcome.SUCCESS, null,
                            List.of(new ActivityEvent.Change("headline", "before", "after")),
                            new ActivityEvent.RequestInfo("127.0.0.1", "bench", "r"))));
                    return true;
                };
            }));
        }
        results.add(verify());
        return results;
    }

    /**
     * The driver settings the server runs with, read from its own file (config/application-mysql.yml) and bound as
     * Spring Boot binds them: a copy in this class once lacked half of them (server-side prepared statements among
     * them), and the benchmark measured a cost the server never pays.
     */
    private static Properties serverDriverSettings() throws IOException {
        List<PropertySource<?>> file = new YamlPropertySourceLoader().load("server", new FileSystemResource("config/application-mysql.yml"));
        Map<String, String> settings = new Binder(ConfigurationPropertySources.from(file))
                .bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
                .orElseThrow(() -> new IllegalStateException("config/application-mysql.yml names no driver settings"));
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    /** The verifier over an honest export of {@value #VERIFIED} entries with its signed checkpoint. */
    private static Load.Result verify() throws Exception {
        // A mapper of its own: the benchmarks run without Spring, as the verifier does.
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder export = new StringBuilder();
        String previous = EntryHash.GENESIS;
        for (int seq = 1; seq <= VERIFIED; seq++) {
            ObjectNode entry = json.createObjectNode();
            entry.put("id", "act_" + seq).put("seq", seq).put("occurredAt", "2026-11-22T10:00:00.000Z").put("account", "mbr_bench");
            entry.putObject("actor").put("kind", "delegate").put("id", "mbr_helper");
            entry.put("grantId", "grt_1").put("clientId", "behalf-cli").put("action", "profile.update");
            entry.putObject("target").put("type", "profile").put("id", "mbr_bench");
            entry.put("outcome", "success").putNull("reason");
            entry.putArray("changes").addObject().put("field", "headline").put("before", "a").put("after", "b" + seq);
            entry.put("ip", "127.0.0.1").put("userAgent", "bench").put("requestId", "r" + seq).put("prevHash", previous);
            previous = EntryHash.of(entry);
            entry.put("hash", previous);
            export.append(CanonicalJson.of(entry)).append('\n');
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        String note = SignedNote.sign(new SignedNote.Checkpoint("behalf.example/activity/mbr_bench", VERIFIED, previous), "bench",
                key.getEncoded());
        String verifier = SignedNote.VerifierKey.of("bench", key.generatePublicKey().getEncoded()).encoded();
        String text = export.toString();
        VerifyActivity.verify(text, List.of(note), verifier);
        long started = System.nanoTime();
        VerifyActivity.Result result = VerifyActivity.verify(text, List.of(note), verifier);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!result.valid()) {
            throw new IllegalStateException("the honest export did not verify: " + result);
        }
        return new Load.Result("verifier (entries)", 1, VERIFIED, 0, seconds, VERIFIED / seconds, Double.NaN, Double.NaN, Double.NaN);
    }
}
