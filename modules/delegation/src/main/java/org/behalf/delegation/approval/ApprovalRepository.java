package org.behalf.delegation.approval;

import java.util.List;
import java.util.Optional;

import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.domain.Limit;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/** Staged requests, per holder; decided under the row lock so one decision wins. */
interface ApprovalRepository extends Repository<Approval, String>, Inserts<Approval> {

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Approval> findLockedById(String id);

    /**
     * The approval, locked, or empty. Only an id of an approval id's shape is looked up: the column
     * compares byte for byte (V202612070959), but pads, and found "apr_…   " as "apr_…"
     * (docs/security.md rule 26).
     */
    default Optional<Approval> lock(String id) {
        return OpaqueIds.isOf(Approval.ID_PREFIX, id) ? findLockedById(id) : Optional.empty();
    }

    /** Records the decision on a change read with {@link #lock}. */
    <S extends Approval> S save(S approval);

    default void decide(Approval decided) {
        save(decided);
    }

    List<Approval> findByHolderIdOrderByCreatedAtDescIdAsc(String holderId, Limit limit);

    List<Approval> findByHolderIdAndStatusOrderByCreatedAtDescIdAsc(String holderId, String status, Limit limit);

    List<Approval> findByDelegateIdOrderByCreatedAtDescIdAsc(String delegateId, Limit limit);

    List<Approval> findByDelegateIdAndStatusOrderByCreatedAtDescIdAsc(String delegateId, String status, Limit limit);

    default List<Approval> byHolder(String holderId, String status, int limit) {
        return status == null ? findByHolderIdOrderByCreatedAtDescIdAsc(holderId, Limit.of(limit))
                : findByHolderIdAndStatusOrderByCreatedAtDescIdAsc(holderId, status, Limit.of(limit));
    }

    /** The changes a delegate proposed to any account, newest first: their own record of their work. */
    default List<Approval> byDelegate(String delegateId, String status, int limit) {
        return status == null ? findByDelegateIdOrderByCreatedAtDescIdAsc(delegateId, Limit.of(limit))
                : findByDelegateIdAndStatusOrderByCreatedAtDescIdAsc(delegateId, status, Limit.of(limit));
    }
}
