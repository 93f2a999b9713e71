package org.behalf.network.connections;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Whom members have blocked ({@link Block}). */
public interface BlockRepository extends Repository<Block, Block.Key> {

    /** One statement for both directions; how many there are (0, 1 or 2). */
    @Query("SELECT COUNT(*) FROM network_block WHERE (member_id = :a AND blocked_id = :b) OR (member_id = :b AND blocked_id = :a)")
    int between(String a, String b);

    /** Whether either has blocked the other. */
    default boolean blockedEitherWay(String a, String b) {
        return between(a, b) > 0;
    }

    /** A block, unless there is one: one statement, where a read first would race with the same block sent twice. */
    @Modifying
    @Query("INSERT IGNORE INTO network_block (member_id, blocked_id, created_at) VALUES (:member, :other, :at)")
    void block(String member, String other, Instant at);

    /** Whether there was a block to remove (a derived delete would not say). */
    @Modifying
    @Query("DELETE FROM network_block WHERE member_id = :member AND blocked_id = :other")
    int remove(String member, String other);

    default boolean unblock(String member, String other) {
        return remove(member, other) > 0;
    }

    /** Whom the member has blocked, most recent first. */
    @Query("SELECT blocked_id FROM network_block WHERE member_id = :member ORDER BY created_at DESC")
    List<String> blockedBy(String member);
}
