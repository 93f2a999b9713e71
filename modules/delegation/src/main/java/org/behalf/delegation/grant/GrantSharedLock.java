package org.behalf.delegation.grant;

import java.util.Optional;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A grant's limits read under a shared lock, for a transaction that checks the grant and writes
 * nothing to its row: a token exchange. A revocation (an UPDATE of the row) still waits for every
 * exchange checked under the lock, and an exchange still waits for a revocation in flight
 * (SECURITY-CASES 7); but exchanges of one grant no longer wait for each other, as they did under
 * {@link GrantRepository#lockLimits}'s exclusive lock, which made a client's exchanges under one
 * grant run one at a time (issue 16; the figures are in docs/operations.md).
 *
 * <p>A transaction holding this lock must not write the grant's row afterwards: two of them would
 * each wait for the other's shared lock to upgrade theirs (a deadlock). H2, the development
 * database, knows no shared-lock clause; there the lock is the exclusive one.
 */
@Component
public class GrantSharedLock {

    private final GrantRepository grants;
    private final boolean shared;

    GrantSharedLock(GrantRepository grants, JdbcTemplate jdbc) {
        this.grants = grants;
        this.shared = !"H2".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }

    /** The grant's limits, its row locked against writers until the transaction ends; empty if none. */
    public Optional<GrantLimits> limits(String id) {
        return shared ? grants.shareLimits(id) : grants.lockLimits(id);
    }
}
