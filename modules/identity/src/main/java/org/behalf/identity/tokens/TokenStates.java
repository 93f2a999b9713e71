package org.behalf.identity.tokens;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's memory of token look-ups that found an active access token, so that userinfo,
 * introspection and every API call with a token that has not changed need no database round trip
 * (issue 16: each of them read the token's row, and userinfo its whole authorization).
 *
 * <p>Revocation stays prompt on every node (docs/security.md rule 44). Whatever revokes a token
 * writes a row to {@code identity_token_revocation} in its own transaction ({@link #revoked}). A
 * thread of this node reads that table's count and sum of ids every {@code poll} interval; when they
 * differ from the last reading, it forgets everything. (Ids only grow and rows are only swept
 * long after every node has read them, so any new row changes the sum even when a sweep removed as
 * many rows as were added.) A revocation made here is forgotten at once, before and after its
 * commit. An answer is remembered only if nothing was forgotten while it was read, and used only
 * while the last successful reading began less than {@code bound} ago: a node that cannot read the
 * table (a database outage) asks the database every time, as before. So a token revoked on another
 * node is refused here within {@code bound} (0.5 s by default) and usually within the poll interval.
 *
 * <p>Hand-written rather than a cache library: what matters is this invalidation protocol, and the
 * memory itself is a map bounded the same way as {@code VerifiedTokens}'.
 */
public final class TokenStates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenStates.class);
    private static final int MAX_ENTRIES = 20_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration bound;
    private final Map<String, Object> remembered = new ConcurrentHashMap<>();
    private final AtomicLong forgettings = new AtomicLong();
    private final ScheduledExecutorService poller;
    private volatile List<Long> lastReading = List.of();
    private volatile Instant readingBegan = Instant.MIN;

    public TokenStates(JdbcTemplate jdbc, Clock clock, Duration poll, Duration bound) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bound = bound;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "token-revocations");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::read, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The remembered answer for this key, or null: unknown, or this node's reading is too old to trust. */
    @SuppressWarnings("unchecked")
    <T> T get(String key) {
        if (readingBegan.plus(bound).isBefore(clock.instant())) {
            return null;
        }
        return (T) remembered.get(key);
    }

    /** The mark to pass to {@link #remember}, taken before the database is read. */
    long mark() {
        return forgettings.get();
    }

    /** Remembers an answer read after {@code mark}, unless something was forgotten meanwhile. */
    void remember(String key, Object answer, long mark) {
        if (forgettings.get() != mark) {
            return;
        }
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(key, answer);
        if (forgettings.get() != mark) {
            remembered.remove(key);
        }
    }

    /**
     * Records a revocation in the caller's transaction (or alone, without one) and forgets what this
     * node remembers, now and again once the transaction has ended: a look-up running meanwhile may
     * have read the state before the commit.
     */
    void revoked() {
        jdbc.update("INSERT INTO identity_token_revocation (revoked_at) VALUES (?)", Timestamp.from(clock.instant()));
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    /** Drops revocation rows older than {@code before}; every node has read them long since. */
    int sweep(Instant before) {
        return jdbc.update("DELETE FROM identity_token_revocation WHERE revoked_at < ?", Timestamp.from(before));
    }

    private void forget() {
        forgettings.incrementAndGet();
        remembered.clear();
    }

    private void read() {
        Instant began = clock.instant();
        try {
            List<Long> reading = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(id), 0) FROM identity_token_revocation",
                    (rs, n) -> List.of(rs.getLong(1), rs.getLong(2)));
            if (!reading.equals(lastReading)) {
                forget();
                lastReading = reading;
            }
            readingBegan = began;
        } catch (RuntimeException e) {
            // Stale memory is never used: get() stops answering once the last good reading is too old.
            log.debug("Could not read token revocations: {}", e.toString());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
