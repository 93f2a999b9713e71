package org.behalf.identity.member;

import java.util.List;
import java.util.Optional;

import org.behalf.kernel.persistence.Inserts;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/**
 * Members ({@link StoredMember}). A password change and a closure each write one column with one
 * UPDATE rather than saving the whole row: a row read before a concurrent closure and saved after it
 * would open the closed account again. Every query is parameterised (SECURITY-CASES 25).
 */
interface MemberRepository extends Repository<StoredMember, String>, Inserts<StoredMember> {

    /** The columns of {@link Member}, in {@link MemberRows}' order, for the reads written out below. */
    String COLUMNS = "id, handle, email, display_name, password_hash, status, created_at, kind, operator_id";

    /**
     * The member by id. Written out, and read by position ({@link MemberRows}): every profile read
     * and edit asks the member directory for its member ({@code PATCH /api/v1/profile} is benchmarked,
     * {@code scripts/bench delegation}). Measured in this module on 2026-12-05 (the calling thread's
     * CPU per call, 1,000 calls in each of ten interleaved rounds, two runs on a machine loaded by
     * other builds): the derived {@code findById} cost 166–214 µs, the same SELECT as a {@code @Query}
     * mapped by column name 60–98 µs, this one 48–69 µs, and the JdbcTemplate statement it replaced 34–69 µs.
     */
    @Query(value = "SELECT " + COLUMNS + " FROM identity_member WHERE id = :id", rowMapperClass = MemberRows.class)
    Optional<Member> byId(String id);

    /**
     * By normalised handle or e-mail key. A handle's key and an e-mail's never meet (a handle has no
     * '@', an agent's e-mail key has a ':'), so at most one member answers; the first, should a row
     * ever say otherwise. Written out and read by position for the sign-in, which reads the member
     * twice (its throttling key, then its password hash): measured as {@link #byId}, the derived
     * {@code findFirstByHandleKeyOrEmailKey} cost 175–307 µs, this one 62–74 µs, the JdbcTemplate
     * statement it replaced 46–59 µs (and the Argon2 check of the password about 42 ms).
     */
    @Query(value = "SELECT " + COLUMNS + " FROM identity_member WHERE handle_key = :key OR email_key = :key LIMIT 1",
            rowMapperClass = MemberRows.class)
    Optional<Member> byKey(String key);

    boolean existsByHandleKeyOrEmailKey(String handleKey, String emailKey);

    default boolean taken(String handleKey, String emailKey) {
        return existsByHandleKeyOrEmailKey(handleKey, emailKey);
    }

    default void insert(Member member) {
        insert(StoredMember.of(member));
    }

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<StoredMember> findLockedById(String id);

    /** Locks the operator's row, so that two agents created at once are counted one after the other. */
    default void lockOperator(String operatorId) {
        findLockedById(operatorId);
    }

    List<StoredMember> findByOperatorIdAndKindAndStatusOrderByCreatedAtDescIdDesc(String operatorId, String kind, String status);

    /** The agents a person runs, newest first. */
    default List<Member> agentsOf(String operatorId) {
        return findByOperatorIdAndKindAndStatusOrderByCreatedAtDescIdDesc(operatorId, Member.AGENT, Member.ACTIVE).stream()
                .map(StoredMember::member).toList();
    }

    @Modifying
    @Query("UPDATE identity_member SET password_hash = :hash WHERE id = :id")
    void updatePassword(String id, String hash);

    @Modifying
    @Query("UPDATE identity_member SET status = 'CLOSED' WHERE id = :id")
    void close(String id);
}
