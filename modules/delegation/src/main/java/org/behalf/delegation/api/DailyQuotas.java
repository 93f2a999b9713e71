package org.behalf.delegation.api;

import org.behalf.kernel.Caller;

/**
 * A grant's daily quota counted in what a request does, where one request does many: a contacts
 * import adds each row as one contact. The enforcement takes one unit for every delegated request
 * before it runs; a request that does more takes the rest here, inside its own transaction, before
 * it does it. A 300-row import had taken one unit of "at most 1 a day" (black-box testing, 2026-12-06).
 */
public interface DailyQuotas {

    /**
     * Takes {@code more} units of the grant's quota for the scope, beyond the one the request took,
     * or refuses (403, in plain words, nothing taken) when today's quota has fewer left. Nothing for
     * a caller that is not a delegate, or a grant without a quota for the scope.
     */
    void takeMore(Caller caller, String scope, int more);
}
