package org.behalf.delegation.enforcement;


import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.kernel.DatabaseConflicts;

/**
 * How a request that met a conflicting change is run again (issue 20 item 4; docs/operations.md,
 * "Certification conflicts"): an InnoDB deadlock, or a Galera certification conflict, which MariaDB
 * reports as the same error ({@link DatabaseConflicts}), rolls the whole
 * transaction back, so running the request again from its first statement is safe and, for two
 * appends to one account's chain, is what keeps it linear without the client's help. As many
 * attempts, with the same random pauses between them, as {@link DatabaseConflicts} gives any work
 * run again. Past the bound the answer is 503 with {@code Retry-After}.
 * A batch of one grant's token exchanges is run again the same way (exchange's provider), and counted apart.
 */
public final class Conflicts {

    public static final int MAX_ATTEMPTS = DatabaseConflicts.MAX_ATTEMPTS;
    private final MeterRegistry meters;
    private final String meter;
    private final String description;

    private Conflicts(MeterRegistry meters, String meter, String description) {
        this.meters = meters;
        this.meter = meter;
        this.description = description;
    }

    /**
     * {@code behalf_request_conflicts_total{outcome}}: resource API requests that met a conflicting
     * change and were run again ({@code rerun}, once per re-run), or answered 503 because the bound
     * was reached ({@code bound_reached}) or they may not be re-run ({@code not_rerunnable}).
     */
    static Conflicts ofRequests(MeterRegistry meters) {
        return new Conflicts(meters, "behalf.request.conflicts",
                "Resource API requests that met a conflicting change (deadlock or certification conflict)");
    }

    /**
     * {@code behalf_exchange_conflicts_total{outcome}}: batches of one grant's token exchanges that met
     * a conflicting change and were run again ({@code rerun}, once per re-run), or failed because the
     * bound was reached ({@code bound_reached}). Apart from the requests' count: the token endpoint is
     * not the resource API, and a batch is one or more exchanges.
     */
    public static Conflicts ofExchanges(MeterRegistry meters) {
        return new Conflicts(meters, "behalf.exchange.conflicts",
                "Batches of token exchanges that met a conflicting change (deadlock or certification conflict)");
    }

    /**
     * {@code behalf_record_conflicts_total{outcome}}: activity entries written apart, after their
     * request's own transaction rolled back (a refused or failed resource API request, a refused
     * token exchange), that met a conflicting change and were written again ({@code rerun}), or
     * given up past the bound ({@code bound_reached}). Two refusals of one holder through two
     * Galera nodes both append to the holder's chain: the loser's entry was dropped (black-box
     * finding, 2026-12-07: 73 of 318 refused requests through three nodes left no entry; docs/security.md rule 31).
     */
    public static Conflicts ofRecords(MeterRegistry meters) {
        return new Conflicts(meters, "behalf.record.conflicts",
                "Activity entries written apart from their request that met a conflicting change (deadlock or certification conflict)");
    }

    /**
     * Runs {@code work}, which opens and ends its own transaction, and runs it again after a
     * conflict (kernel's {@code DatabaseConflicts}: rolled back whole, so safe to run again), within
     * this policy's bound and pauses ({@link #runAgain}); past the bound, or after any other failure, it is thrown.
     */
    public <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!DatabaseConflicts.isConflict(e) || !runAgain(attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * After a conflict on attempt {@code attempt} (1, 2, ...): true while the bound allows another,
     * counted as {@code rerun} and returned after the pause before it; false past the bound, counted as
     * {@code bound_reached}. The one policy of both counts, so that a request and an exchange batch are
     * run again alike.
     */
    public boolean runAgain(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            count("bound_reached");
            return false;
        }
        count("rerun");
        DatabaseConflicts.pause(attempt + 1);
        return true;
    }

    /** Counts one conflict's outcome under this count's name (see the factories). */
    void count(String outcome) {
        Counter.builder(meter).tag("outcome", outcome).description(description).register(meters).increment();
    }
}
