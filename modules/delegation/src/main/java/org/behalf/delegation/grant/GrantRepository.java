package org.behalf.delegation.grant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.GrantStatus;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/**
 * Grants ({@link StoredGrant}), and the two small tables beside them: each holder's row locked while
 * a grant is created, and what each quota used per day. Every query is parameterised (SECURITY-CASES 25).
 *
 * <p>The check of every delegated request (a benchmarked hot path, {@code scripts/bench delegation})
 * is {@link #lockLimits}, then at most {@link #used}, {@link #use} and {@link #touch}: each one
 * statement written out, where a derived query would build its SQL anew on every call.
 */
public interface GrantRepository extends Repository<StoredGrant, String>, Inserts<StoredGrant> {

    /** The columns of {@link StoredGrant}, for the queries written out below. */
    String COLUMNS = "id, holder_id, delegate_id, invited, status, scopes, review_scopes, note, terms, terms_hash, quotas, "
            + "window_days, window_start, window_end, time_zone, ip_ranges, created_at, expires_at, accepted_at, ended_at, "
            + "last_activity_at";

    Optional<StoredGrant> findById(String id);

    /** Writes the whole row of a grant read locked: the holder's changes and the lifecycle's. */
    <S extends StoredGrant> S save(S grant);

    /**
     * The grant, or empty. Only an id of a grant id's shape is looked up: the column compares byte
     * for byte (V202612070945), but pads, and found "grt_…   " as "grt_…" (docs/security.md rule 26).
     */
    default Optional<Grant> find(String id) {
        return OpaqueIds.isOf(Grant.ID_PREFIX, id) ? findById(id).map(StoredGrant::grant) : Optional.empty();
    }

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<StoredGrant> findLockedById(String id);

    /**
     * The grant, locking its row until the transaction ends: a revocation (an UPDATE of the row)
     * waits for an action checked under this lock, and an action waits for a revocation in
     * flight (SECURITY-CASES 7).
     */
    default Optional<Grant> lock(String id) {
        return OpaqueIds.isOf(Grant.ID_PREFIX, id) ? findLockedById(id).map(StoredGrant::grant) : Optional.empty();
    }

    /**
     * What a delegated request is checked against and a delegation token issued under, locking the
     * grant's row as {@link #lock} does. Only those columns: every request and every token exchange
     * of a delegate runs this, and the whole row (its note and terms text among them) cost the
     * database and the driver twice as much. Written out, and read by position ({@link GrantLimitsRows}):
     * measured in this module on 2026-12-05 (the calling thread's CPU per call, 1,000 calls in each of
     * ten interleaved rounds, on a loaded machine), the derived {@link #findLockedById} cost 367 µs,
     * fetching the whole row and building its SQL on every call, this {@code @Query} 129 µs, and the
     * JdbcTemplate statement it replaced 107 µs; the same one SELECT and the same bytes on the wire for both.
     */
    @Query(value = "SELECT holder_id, delegate_id, status, scopes, review_scopes, quotas, window_days, window_start, window_end, "
            + "time_zone, ip_ranges, created_at, expires_at, last_activity_at FROM delegation_grant WHERE id = :id FOR UPDATE",
            rowMapperClass = GrantLimitsRows.class)
    Optional<GrantLimits> lockLimitsOf(String id);

    /** {@link #lockLimitsOf}, for an id of a grant id's shape only (as {@link #find}): the exchange's is the caller's text. */
    default Optional<GrantLimits> lockLimits(String id) {
        return OpaqueIds.isOf(Grant.ID_PREFIX, id) ? lockLimitsOf(id) : Optional.empty();
    }

    /**
     * Ids of grants still stored as open whose time is up: past their expiry, or pending past
     * {@link Grant#PENDING_LIFETIME} (for the sweeper that records those transitions).
     */
    default List<String> overdue(Instant now, int limit) {
        return overdueIds(now, now.minus(Grant.PENDING_LIFETIME), limit);
    }

    /** A UNION, one index each ({@code delegation_grant_open}, {@code delegation_grant_pending}): no derived form says it. */
    @Query("SELECT id FROM delegation_grant WHERE status IN ('PENDING', 'ACTIVE') AND expires_at <= :now "
            + "UNION SELECT id FROM delegation_grant WHERE status = 'PENDING' AND created_at <= :pendingSince LIMIT :limit")
    List<String> overdueIds(Instant now, Instant pendingSince, int limit);

    /** A holder's grants, newest first, after the one {@code after} names (a page's last), if any. */
    default List<Grant> byHolder(String holderId, Grant after, int limit) {
        return (after == null ? firstByHolder(holderId, limit) : nextByHolder(holderId, after.createdAt(), after.id(), limit))
                .stream().map(StoredGrant::grant).toList();
    }

    default List<Grant> byDelegate(String delegateId, Grant after, int limit) {
        return (after == null ? firstByDelegate(delegateId, limit) : nextByDelegate(delegateId, after.createdAt(), after.id(), limit))
                .stream().map(StoredGrant::grant).toList();
    }

    // Keyset pages (CONTRIBUTING.md, "Persistence"): the position is a pair (created_at, id), which
    // a derived query cannot compare.
    @Query("SELECT " + COLUMNS + " FROM delegation_grant WHERE holder_id = :holderId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StoredGrant> firstByHolder(String holderId, int limit);

    @Query("SELECT " + COLUMNS + " FROM delegation_grant WHERE holder_id = :holderId AND (created_at < :createdAt "
            + "OR (created_at = :createdAt AND id < :id)) ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StoredGrant> nextByHolder(String holderId, Instant createdAt, String id, int limit);

    @Query("SELECT " + COLUMNS + " FROM delegation_grant WHERE delegate_id = :delegateId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StoredGrant> firstByDelegate(String delegateId, int limit);

    @Query("SELECT " + COLUMNS + " FROM delegation_grant WHERE delegate_id = :delegateId AND (created_at < :createdAt "
            + "OR (created_at = :createdAt AND id < :id)) ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StoredGrant> nextByDelegate(String delegateId, Instant createdAt, String id, int limit);

    @Lock(LockMode.PESSIMISTIC_WRITE)
    List<StoredGrant> findByHolderIdAndStatusInOrderById(String holderId, Collection<GrantStatus> statuses);

    @Lock(LockMode.PESSIMISTIC_WRITE)
    List<StoredGrant> findByDelegateIdAndStatusInOrderById(String delegateId, Collection<GrantStatus> statuses);

    /**
     * Every grant of the holder still stored as pending or active, locked (for ending them all):
     * however many ended grants the holder has, none still open is missed.
     */
    default List<Grant> lockOpenByHolder(String holderId) {
        return findByHolderIdAndStatusInOrderById(holderId, List.of(GrantStatus.PENDING, GrantStatus.ACTIVE)).stream()
                .map(StoredGrant::grant).toList();
    }

    default List<Grant> lockOpenByDelegate(String delegateId) {
        return findByDelegateIdAndStatusInOrderById(delegateId, List.of(GrantStatus.PENDING, GrantStatus.ACTIVE)).stream()
                .map(StoredGrant::grant).toList();
    }

    /** The holders whose active grants the delegate acts under. */
    @Query("SELECT DISTINCT holder_id FROM delegation_grant WHERE delegate_id = :delegateId AND status = 'ACTIVE'")
    List<String> holdersHelpedBy(String delegateId);

    /** Whether the holder ever offered the delegate a grant, in any state (the helper's record of their work). */
    boolean existsByHolderIdAndDelegateId(String holderId, String delegateId);

    default boolean everOffered(String holderId, String delegateId) {
        return existsByHolderIdAndDelegateId(holderId, delegateId);
    }

    /**
     * Locks the holder's row (creating it on first use); serialises grant creation per holder.
     * ON DUPLICATE KEY takes the exclusive row lock directly (no shared lock to upgrade, so no
     * deadlock between two first creations); the lock is held until the transaction ends.
     */
    @Modifying
    @Query("INSERT INTO delegation_holder (holder_id) VALUES (:holderId) ON DUPLICATE KEY UPDATE holder_id = holder_id")
    void lockHolder(String holderId);

    /**
     * Pending and active grants not yet past their expiry or lapse time. A locking read: under
     * REPEATABLE READ a plain read would see the transaction's older snapshot and miss a grant
     * another request committed while this one waited for the holder's lock.
     */
    default int countOpen(String holderId, Instant now) {
        return lockOpenIds(holderId, now, now.minus(Grant.PENDING_LIFETIME)).size();
    }

    @Query("SELECT id FROM delegation_grant WHERE holder_id = :holderId AND ((status = 'ACTIVE' AND expires_at > :now) "
            + "OR (status = 'PENDING' AND expires_at > :now AND created_at > :pendingSince)) FOR UPDATE")
    List<String> lockOpenIds(String holderId, Instant now, Instant pendingSince);

    default void insert(Grant grant) {
        insert(StoredGrant.of(grant));
    }

    /** Writes everything the holder may change, and the lifecycle fields, of a grant read with {@link #lock}. */
    default void update(Grant grant) {
        save(StoredGrant.of(grant));
    }

    @Modifying
    @Query("UPDATE delegation_grant SET last_activity_at = :at WHERE id = :grantId")
    void touch(String grantId, Instant at);

    /** Today's use of a scope's quota; a locking read, so it sees every committed use (see {@link #countOpen}). */
    default int used(String grantId, String scope, LocalDate day) {
        return usedOn(grantId, scope, day.toString()).orElse(0);
    }

    // The day is bound as ISO text ("2026-12-05"), which a DATE column compares with exactly: the
    // holder's day, whatever time zone the driver or the converter would apply to a date object.
    @Query("SELECT used FROM delegation_quota_usage WHERE grant_id = :grantId AND scope = :scope AND usage_day = :day FOR UPDATE")
    Optional<Integer> usedOn(String grantId, String scope, String day);

    default void use(String grantId, String scope, LocalDate day) {
        use(grantId, scope, day, 1);
    }

    /** Takes {@code units} of the day's quota at once (a request that does many things: DailyQuotas). */
    default void use(String grantId, String scope, LocalDate day, int units) {
        useOn(grantId, scope, day.toString(), units);
    }

    @Modifying
    @Query("INSERT INTO delegation_quota_usage (grant_id, scope, usage_day, used) VALUES (:grantId, :scope, :day, :units) "
            + "ON DUPLICATE KEY UPDATE used = used + :units")
    void useOn(String grantId, String scope, String day, int units);
}
