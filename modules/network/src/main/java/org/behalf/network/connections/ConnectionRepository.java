package org.behalf.network.connections;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/**
 * The connection graph ({@link Connection}). Both directions of a connection are written and
 * removed together. The network search reads the same table with its own statements
 * ({@code NetworkSearch}, the benchmarked hot path).
 */
public interface ConnectionRepository extends Repository<Connection, Connection.Key> {

    /** A connection as a member's list and the bulk export show it: the other member, and since when. */
    record Connected(String memberId, Instant since) {
    }

    boolean existsById(Connection.Key key);

    default boolean connected(String a, String b) {
        return existsById(new Connection.Key(a, b));
    }

    /**
     * One direction, unless it is there: "insert unless there" is one statement in MySQL, where a
     * read first would race with another acceptance between the same two members.
     */
    @Modifying
    @Query("INSERT IGNORE INTO network_connection (member_id, connection_id, created_at) VALUES (:member, :other, :at)")
    void add(String member, String other, Instant at);

    default void connect(String a, String b, Instant at) {
        add(a, b, at);
        add(b, a, at);
    }

    /** One direction; how many rows went (a derived delete would not say). */
    @Modifying
    @Query("DELETE FROM network_connection WHERE member_id = :member AND connection_id = :other")
    int remove(String member, String other);

    /** Whether they were connected. */
    default boolean disconnect(String a, String b) {
        int removed = remove(a, b);
        remove(b, a);
        return removed > 0;
    }

    /** The member's connections, their rows locked until the transaction ends: nobody connects to a closing account meanwhile. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    List<Connection> findByKeyMemberId(String memberId);

    /** Removes every connection of a member, both directions of each; how many it had. */
    default int disconnectAll(String memberId) {
        List<Connection> all = findByKeyMemberId(memberId);
        all.forEach(connection -> disconnect(memberId, connection.key().connectionId()));
        return all.size();
    }

    /**
     * A page of connections, newest first, after the cursor ({@code beforeAt}, {@code beforeId}) when
     * given: a keyset page, which a derived query cannot say.
     */
    default List<Connected> page(String memberId, Instant beforeAt, String beforeId, int limit) {
        return after(memberId, beforeAt, beforeId, limit).stream().map(Connection::connected).toList();
    }

    @Query("SELECT * FROM network_connection WHERE member_id = :member"
            + " AND (:beforeAt IS NULL OR created_at < :beforeAt OR (created_at = :beforeAt AND connection_id < :beforeId))"
            + " ORDER BY created_at DESC, connection_id DESC LIMIT :limit")
    List<Connection> after(String member, Instant beforeAt, String beforeId, int limit);

    /** Every connection, newest first: the bulk export, which must not stop at a page size. */
    default List<Connected> all(String memberId) {
        return everyOf(memberId).stream().map(Connection::connected).toList();
    }

    @Query("SELECT * FROM network_connection WHERE member_id = :member ORDER BY created_at DESC, connection_id DESC")
    List<Connection> everyOf(String member);

    /** Members connected to both: a join, which a derived query cannot say. */
    @Query("SELECT x.connection_id FROM network_connection x JOIN network_connection y "
            + "ON y.member_id = :b AND y.connection_id = x.connection_id WHERE x.member_id = :a "
            + "ORDER BY x.connection_id LIMIT :limit")
    List<String> shared(String a, String b, int limit);

    @Query("SELECT COUNT(*) FROM (SELECT 1 FROM network_connection ca "
            + "JOIN network_connection cx ON cx.member_id = ca.connection_id "
            + "JOIN network_connection cb ON cb.member_id = :b AND cb.connection_id = cx.connection_id "
            + "WHERE ca.member_id = :a LIMIT 1) path")
    int thirdDegreePaths(String a, String b);

    /** Whether a connection of {@code a} is connected to a connection of {@code b}. */
    default boolean thirdDegree(String a, String b) {
        return thirdDegreePaths(a, b) > 0;
    }
}
