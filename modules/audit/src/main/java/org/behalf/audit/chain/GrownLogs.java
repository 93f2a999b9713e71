package org.behalf.audit.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The accounts whose logs this node appended to since its last scheduled checkpoints: the node
 * that wrote an entry signs the checkpoint that covers it, without a search of the entries.
 *
 * <p>{@code behalf_checkpoint_lag_seconds} is how long the oldest of those appends has waited for
 * its checkpoint on this node (0 when none waits): it stays below the checkpoint interval unless
 * signing falls behind. Each node reports its own; the scrape's {@code instance} label tells them apart.
 */
@Component
public class GrownLogs {

    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();
    private final Clock clock;

    public GrownLogs(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        Gauge.builder("behalf.checkpoint.lag", this, GrownLogs::lagSeconds).baseUnit("seconds")
                .description("How long this node's oldest append not yet covered by a checkpoint has waited").register(meters);
    }

    void grew(String account) {
        oldest.compareAndSet(null, clock.instant());
        accounts.add(account);
    }

    /** The accounts noted so far, forgotten here. */
    Set<String> take() {
        oldest.set(null);
        Set<String> taken = new HashSet<>();
        for (String account : accounts) {
            if (accounts.remove(account)) {
                taken.add(account);
            }
        }
        return taken;
    }

    private double lagSeconds() {
        Instant since = oldest.get();
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }
}
