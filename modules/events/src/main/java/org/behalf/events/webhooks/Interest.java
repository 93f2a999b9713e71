package org.behalf.events.webhooks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's view of which event types any subscription could receive, so that a request whose
 * event nobody could hear writes no outbox row at all (issue 19, "Load and limits": the request
 * that causes an event pays as little as possible; docs/security.md rule 42). A type is wanted
 * when a webhook that takes events names it (active, or disabled and holding its events for
 * {@link Webhook#HOLD_FOR}), or, for the grant types that become SETs, when a stream is
 * enabled or paused. Who exactly hears an event is still decided later, by {@link FanOut}.
 *
 * <p>The bound: the view is re-read every {@code behalf.events.interest-refresh} (1 s). A webhook or
 * stream made or enabled on this node adds its types at once ({@link #add}), and they stay wanted
 * for {@link #LOCAL_HOLD} whatever a read says, since a read racing the subscription's commit may
 * not see it yet. A subscription made on another node therefore hears this node's events from at
 * most one interval after it committed; an event of a type nobody wanted before then was never
 * written (the same as an event from before the subscription existed). Whenever the database cannot
 * be read the last view stays, and before the first read every type is wanted: an error never loses
 * an event.
 * One read of two small tables a second per node costs less than the insert it saves on a single
 * request; a per-event cache of who listens would instead need invalidation across nodes.
 */
@Component
public class Interest {

    private static final Logger log = LoggerFactory.getLogger(Interest.class);

    /** How long types added on this node stay wanted without a read: ample for any read to have seen their commit. */
    static final Duration LOCAL_HOLD = Duration.ofSeconds(10);

    /** Each subscription's types that takes events (active, or disabled and holding them), space-separated, repeats included. */
    static final String SUBSCRIBED_TYPES = "SELECT event_types FROM events_webhook WHERE " + WebhookRepository.TAKING;

    private final JdbcTemplate jdbc;
    private volatile Set<String> wanted;
    /** Types added on this node, with when (System.nanoTime). */
    private final Map<String, Long> added = new ConcurrentHashMap<>();

    private final Clock clock;

    Interest(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether an event of this type could reach any subscription now. */
    public boolean wants(String type) {
        Set<String> view = wanted;
        return view == null || view.contains(type) || added.containsKey(type);
    }

    /** A subscription made or enabled on this node: its types are wanted from now on, without waiting for a read. */
    void add(Collection<String> types) {
        long now = System.nanoTime();
        types.forEach(type -> added.put(type, now));
    }

    @Scheduled(fixedDelayString = "${behalf.events.interest-refresh:1s}")
    void refresh() {
        try {
            Set<String> types = new HashSet<>();
            // Not DISTINCT: on a column this wide MariaDB made each such read an on-disk (Aria)
            // temporary table, every second on every node, and one of those crashed the test database
            // (signal 11 in ha_maria::drop_table, 2026-12-06). The set drops the repeats instead.
            Timestamp heldSince = Timestamp.from(clock.instant().minus(Webhook.HOLD_FOR));
            for (String listed : jdbc.queryForList(SUBSCRIBED_TYPES, String.class, heldSince)) {
                types.addAll(List.of(listed.split(" ")));
            }
            Integer streams = jdbc.queryForObject("SELECT COUNT(*) FROM events_stream WHERE status <> 'disabled'", Integer.class);
            if (streams != null && streams > 0) {
                types.addAll(SecurityEvents.OUTBOX_TYPES);
            }
            wanted = Set.copyOf(types);
            long expired = System.nanoTime() - LOCAL_HOLD.toNanos();
            added.values().removeIf(at -> at - expired < 0);
        } catch (RuntimeException e) {
            log.debug("Subscriptions not re-read; the previous view stays: {}", e.toString());
        }
    }
}
